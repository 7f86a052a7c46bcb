package org.coordo.server.api.publication;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.coordo.server.api.publication.PublishingHarness.EDITOR;
import static org.coordo.server.api.publication.PublishingHarness.MEMBER;
import static org.coordo.server.api.publication.PublishingHarness.OUTSIDER;
import static org.coordo.server.api.publication.PublishingHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.coordo.server.data.publication.PublicationKeyspaces;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Members-only publications over the JSON API: never federated, 404 to outsiders, one-way to public. */
class MembersOnlyApiTest {
  @TempDir Path dir;
  PublishingHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new PublishingHarness(dir);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private String create(String kind, JsonObject body) {
    HttpResponse<Buffer> r = h.send(POST, "/api/collectives/grenoble/" + kind, EDITOR, body);
    assertEquals(201, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getString("id");
  }

  private int asStatus(String path) {
    return await(h.request(GET, path, null).putHeader("Accept", "application/activity+json").send()).statusCode();
  }

  @Test
  void everyKindPublishedForMembersIsNeverFederatedAndIsHiddenFromOutsiders() {
    JsonObject minutes = new JsonObject().put("title", "CR interne").put("content", "Décisions.")
        .put("assemblyDate", "2026-02-20").put("visibility", "members").put("publish", true);
    List<String> paths = List.of(
        "calls/" + create("calls", PublicationApiTest.call("Appel interne").put("visibility", "members").put("publish", true)),
        "minutes/" + create("minutes", minutes),
        "events/" + create("events", PublicationApiTest.event("AG interne", "2026-03-14T14:00")
            .put("visibility", "members").put("publish", true)));
    assertEquals(List.of(), h.sentTypes(), "nothing leaves the node");
    for (String path : paths) {
      JsonObject seen = h.send(GET, "/api/collectives/grenoble/" + path, MEMBER, null).bodyAsJsonObject();
      assertEquals("members", seen.getString("visibility"));
      assertEquals("published", seen.getString("state"));
      assertEquals(404, h.send(GET, "/api/collectives/grenoble/" + path, null, null).statusCode(), path);
      assertEquals(404, h.send(GET, "/api/collectives/grenoble/" + path, OUTSIDER, null).statusCode(), path);
      assertEquals(404, asStatus("/collectives/grenoble/" + path), path);
      assertEquals(404, asStatus("/collectives/grenoble/" + path + "/replies"), path);
    }
    // not in the public listings, nor in their counts; listed for members on request
    for (String kind : List.of("calls", "minutes", "events")) {
      assertEquals(0, h.send(GET, "/api/collectives/grenoble/" + kind, null, null).bodyAsJsonObject()
          .getJsonArray("items").size(), kind);
      assertEquals(1, h.send(GET, "/api/collectives/grenoble/" + kind + "?visibility=members", MEMBER, null)
          .bodyAsJsonObject().getJsonArray("items").size(), kind);
      assertEquals(401, h.send(GET, "/api/collectives/grenoble/" + kind + "?visibility=members", null, null)
          .statusCode());
      assertEquals(404, h.send(GET, "/api/collectives/grenoble/" + kind + "?visibility=members", OUTSIDER, null)
          .statusCode());
    }
    // editing and cancelling stay on the node too
    String event = paths.get(2);
    assertEquals(200, h.send(PUT, "/api/collectives/grenoble/" + event, EDITOR,
        PublicationApiTest.event("AG interne (salle B)", "2026-03-14T15:00")).statusCode());
    assertEquals(200, h.send(POST, "/api/collectives/grenoble/" + event + "/cancel", EDITOR, null).statusCode());
    assertEquals("members", h.send(GET, "/api/collectives/grenoble/" + event, MEMBER, null).bodyAsJsonObject()
        .getString("visibility"), "an edit without visibility keeps it");
    assertEquals(List.of(), h.sentTypes());
    // deleting leaves no tombstone: the URL stays 404, never 410
    assertEquals(204, h.send(DELETE, "/api/collectives/grenoble/" + event, EDITOR, null).statusCode());
    assertEquals(404, asStatus("/collectives/grenoble/" + event));
    assertEquals(List.of(), h.sentTypes());
  }

  @Test
  void makingAnInternalPublicationPublicFederatesItAsNew() {
    String id = create("calls", PublicationApiTest.call("Appel").put("visibility", "members").put("publish", true));
    h.clock.advance(Duration.ofDays(2));
    HttpResponse<Buffer> r = h.send(PUT, "/api/collectives/grenoble/calls/" + id, EDITOR,
        PublicationApiTest.call("Appel").put("visibility", "public"));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(List.of("Create", "Announce", "Announce"), h.sentTypes());
    assertEquals("2026-03-03T10:00:00Z", h.sent.get(0).getJsonObject("object").getString("published"));
    assertFalse(h.sent.get(0).getJsonObject("object").containsKey("updated"), "published as new, not an update");
    assertEquals(200, asStatus("/collectives/grenoble/calls/" + id));
    assertEquals(1, h.send(GET, "/api/collectives/grenoble/calls", null, null).bodyAsJsonObject()
        .getJsonArray("items").size());
  }

  @Test
  void aPublishedPublicPublicationCannotBecomeInternal() {
    String id = create("calls", PublicationApiTest.call("Appel public").put("publish", true));
    h.sent.clear();
    HttpResponse<Buffer> r = h.send(PUT, "/api/collectives/grenoble/calls/" + id, EDITOR,
        PublicationApiTest.call("Appel public modifié").put("visibility", "members"));
    assertEquals(409, r.statusCode(), r.bodyAsString());
    assertTrue(r.bodyAsJsonObject().getString("error").contains("already public"), r.bodyAsString());
    assertEquals(List.of(), h.sentTypes());
    JsonObject still = h.send(GET, "/api/collectives/grenoble/calls/" + id, null, null).bodyAsJsonObject();
    assertEquals("Appel public", still.getString("title"));
    assertEquals("public", still.getString("visibility"));
    // a public draft, never published, may still become internal
    String draft = create("calls", PublicationApiTest.call("Brouillon"));
    assertEquals(200, h.send(PUT, "/api/collectives/grenoble/calls/" + draft, EDITOR,
        PublicationApiTest.call("Brouillon").put("visibility", "members").put("publish", true)).statusCode());
    assertEquals(List.of(), h.sentTypes());
  }

  @Test
  void anyOtherVisibilityIsA400SayingWhichValuesAreAllowedWithNothingWritten() {
    for (Object bad : List.of("secret", "Members", 1, true, new JsonObject())) {
      HttpResponse<Buffer> r = h.send(POST, "/api/collectives/grenoble/calls", EDITOR,
          PublicationApiTest.call("x").put("visibility", bad));
      assertEquals(400, r.statusCode(), bad + " → " + r.bodyAsString());
      assertTrue(r.bodyAsJsonObject().getString("error").contains("\"public\" or \"members\""), r.bodyAsString());
    }
    assertEquals(0, TestStores.count(h.store, PublicationKeyspaces.OBJECTS));
    assertEquals(400, h.send(GET, "/api/collectives/grenoble/calls?visibility=secret", MEMBER, null).statusCode());
  }
}
