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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.server.convert.AsValidator;
import org.coordo.server.data.publication.PublicationKeyspaces;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicationApiTest {
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

  static JsonObject call(String title) {
    return new JsonObject().put("title", title).put("content", "Nous appelons à la **grève**.\n\n<script>x()</script>");
  }

  static JsonObject event(String title, String start) {
    return new JsonObject().put("title", title).put("timezone", "Europe/Paris").put("startTime", start)
        .put("content", "Manifestation pour le climat.")
        .put("category", "MOVEMENTS_POLITICS")
        .put("location", new JsonObject().put("name", "Place Grenette")
            .put("address", new JsonObject().put("addressLocality", "Grenoble").put("postalCode", "38000")));
  }

  @Test
  void fiftyThousandNestedQuotesAreRefusedWithAFieldMessageNotAServerError() {
    JsonObject nested = call("Citations").put("content", ">".repeat(50_000) + " fin");
    HttpResponse<Buffer> r = h.send(POST, "/api/collectives/grenoble/calls", EDITOR, nested);
    assertEquals(422, r.statusCode(), r.bodyAsString());
    String message = r.bodyAsJsonObject().getJsonObject("fields").getString("content");
    assertTrue(message.contains("64"), message);
    assertEquals(0, TestStores.count(h.store, PublicationKeyspaces.OBJECTS));
    // a quote nested a few levels is fine
    assertEquals(201, h.send(POST, "/api/collectives/grenoble/calls", EDITOR,
        call("Citations").put("content", "> > > trois niveaux")).statusCode());
  }

  @Test
  void memberDraftsAreStoredButNeverFederated() {
    HttpResponse<Buffer> r = h.send(POST, "/api/collectives/grenoble/calls", MEMBER, call("Brouillon"));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject body = r.bodyAsJsonObject();
    assertEquals("draft", body.getString("state"));
    assertEquals("bob", body.getString("author"));
    assertFalse(body.getString("contentHtml").contains("<script"), body.getString("contentHtml"));
    assertTrue(body.getString("contentHtml").contains("<strong>grève</strong>"));
    assertTrue(h.sent.isEmpty(), "a draft is never federated");
    // not visible to the public, neither in the API nor at its URL
    assertEquals(404, h.send(GET, "/api/collectives/grenoble/calls/" + body.getString("id"), null, null).statusCode());
    assertEquals(404, await(h.request(GET, "/collectives/grenoble/calls/" + body.getString("id"), null)
        .putHeader("Accept", "application/activity+json").send()).statusCode());
    // listed for members
    JsonArray drafts = h.send(GET, "/api/collectives/grenoble/calls?state=draft", MEMBER, null).bodyAsJsonObject()
        .getJsonArray("items");
    assertEquals(1, drafts.size());
    assertEquals(401, h.send(GET, "/api/collectives/grenoble/calls?state=draft", null, null).statusCode());
    assertEquals(0, h.send(GET, "/api/collectives/grenoble/calls", null, null).bodyAsJsonObject()
        .getJsonArray("items").size());
  }

  @Test
  void rightsAreChecked() {
    assertEquals(401, h.send(POST, "/api/collectives/grenoble/calls", null, call("x")).statusCode());
    assertEquals(403, h.send(POST, "/api/collectives/grenoble/calls", OUTSIDER, call("x")).statusCode());
    HttpResponse<Buffer> r = h.send(POST, "/api/collectives/grenoble/calls", MEMBER, call("x").put("publish", true));
    assertEquals(403, r.statusCode(), "a member cannot publish");
    assertTrue(h.sent.isEmpty());
    String id = h.send(POST, "/api/collectives/grenoble/calls", MEMBER, call("x")).bodyAsJsonObject().getString("id");
    assertEquals(403, h.send(POST, "/api/collectives/grenoble/calls/" + id + "/publish", MEMBER, null).statusCode());
    assertEquals(200, h.send(POST, "/api/collectives/grenoble/calls/" + id + "/publish", EDITOR, null).statusCode());
    assertEquals(List.of("Create", "Announce", "Announce"), h.sentTypes());
  }

  @Test
  void malformedJsonIs400AndInvalidFieldsAre422WithNothingWritten() {
    HttpResponse<Buffer> bad = await(h.request(POST, "/api/collectives/grenoble/events", EDITOR)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"title\": ")));
    assertEquals(400, bad.statusCode());
    assertEquals(400, await(h.request(POST, "/api/collectives/grenoble/events", EDITOR)
        .sendBuffer(Buffer.buffer("[1,2]"))).statusCode());
    HttpResponse<Buffer> r = h.send(POST, "/api/collectives/grenoble/events", EDITOR,
        event("Manif", "2026-03-14T14:00").put("endTime", "2026-03-14T13:00").put("timezone", "Europe/Nowhere")
            .put("publish", true));
    assertEquals(422, r.statusCode());
    JsonObject fields = r.bodyAsJsonObject().getJsonObject("fields");
    assertTrue(fields.containsKey("timezone"), fields.encode());
    r = h.send(POST, "/api/collectives/grenoble/events", EDITOR,
        event("Manif", "2026-03-14T14:00").put("endTime", "2026-03-14T13:00").put("publish", true));
    assertEquals(422, r.statusCode());
    assertEquals("must be after startTime", r.bodyAsJsonObject().getJsonObject("fields").getString("endTime"));
    assertTrue(h.sent.isEmpty());
    assertEquals(0, TestStores.count(h.store, PublicationKeyspaces.OBJECTS));
    assertEquals(0, TestStores.count(h.store, PublicationKeyspaces.INDEX));
    // an attachment that was never uploaded
    r = h.send(POST, "/api/collectives/grenoble/calls", EDITOR, call("x")
        .put("attachments", new JsonArray().add("0".repeat(64))));
    assertEquals(422, r.statusCode());
    assertTrue(r.bodyAsJsonObject().getJsonObject("fields").containsKey("attachments[0]"));
    assertEquals(0, TestStores.count(h.store, PublicationKeyspaces.OBJECTS));
  }

  @Test
  void invalidUtf8AndOverComplexJsonAre400WithNothingWritten() {
    // an encoded surrogate (ED A0 80): not UTF-8, though a lenient decoder lets it through
    byte[] title = "{\"title\": \"Appel @@@\"}".getBytes(StandardCharsets.UTF_8);
    int at = new String(title, StandardCharsets.ISO_8859_1).indexOf("@@@");
    title[at] = (byte) 0xED;
    title[at + 1] = (byte) 0xA0;
    title[at + 2] = (byte) 0x80;
    HttpResponse<Buffer> surrogate = await(h.request(POST, "/api/collectives/grenoble/calls", EDITOR)
        .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(title)));
    assertEquals(400, surrogate.statusCode(), surrogate.bodyAsString());
    assertTrue(surrogate.bodyAsJsonObject().getString("error").contains("UTF-8"), surrogate.bodyAsString());
    String deep = "[".repeat(100) + "]".repeat(100);
    HttpResponse<Buffer> nested = await(h.request(POST, "/api/collectives/grenoble/calls", EDITOR)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"title\": \"x\", \"tags\": " + deep + "}")));
    assertEquals(400, nested.statusCode());
    assertTrue(nested.bodyAsJsonObject().getString("error").contains("nested"), nested.bodyAsString());
    HttpResponse<Buffer> many = await(h.request(POST, "/api/collectives/grenoble/calls", EDITOR)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("{\"title\": \"x\", \"tags\": [" + "0,".repeat(30_000) + "0]}")));
    assertEquals(400, many.statusCode());
    assertTrue(many.bodyAsJsonObject().getString("error").contains("values"), many.bodyAsString());
    assertEquals(0, TestStores.count(h.store, PublicationKeyspaces.OBJECTS));
    assertTrue(h.sent.isEmpty());
  }

  @Test
  void publishedEventFederatesCreateAndBothAnnouncesAndReadsAsAnEvent() {
    HttpResponse<Buffer> r = h.send(POST, "/api/collectives/grenoble/events", EDITOR,
        event("Manifestation climat", "2026-03-14T14:00").put("publish", true));
    assertEquals(201, r.statusCode(), r.bodyAsString());
    JsonObject api = r.bodyAsJsonObject();
    assertEquals("2026-03-14T14:00:00+01:00", api.getString("startTime"));
    assertEquals("samedi 14 mars 2026 · 14:00 · Place Grenette, Grenoble · Manifestation pour le climat.",
        api.getString("federatedSummary"));
    assertEquals(List.of("Create", "Announce", "Announce"), h.sentTypes());
    JsonObject create = h.sent.get(0);
    AsValidator.document(create, "Create");
    String group = h.base + "/actors/grenoble";
    AsValidator.publication(create.getJsonObject("object"), "Event", group);
    assertEquals(create.getString("id"), h.sent.get(1).getJsonObject("object").getString("id"), "FEP-1b12 wraps the Create");
    assertEquals(api.getString("url"), h.sent.get(2).getString("object"), "plain boost of the object");

    HttpResponse<Buffer> as = await(h.request(GET, "/collectives/grenoble/events/" + api.getString("id"), null)
        .putHeader("Accept", "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"").send());
    assertEquals(200, as.statusCode());
    assertTrue(as.getHeader("Content-Type").startsWith("application/activity+json"));
    JsonObject doc = as.bodyAsJsonObject();
    AsValidator.document(doc, "Event");
    AsValidator.publication(doc, "Event", group);
    assertEquals(api.getString("url"), doc.getString("id"));

    HttpResponse<Buffer> html = await(h.request(GET, "/collectives/grenoble/events/" + api.getString("id"), null)
        .putHeader("Accept", "text/html").send());
    assertEquals(200, html.statusCode());
    assertTrue(html.getHeader("Content-Type").startsWith("text/html"));
    assertTrue(html.bodyAsString().contains("<h1>Manifestation climat</h1>"));
  }

  @Test
  void updateCancelAndDeleteAreFederatedAndTheUrlThenAnswers410() {
    String id = h.send(POST, "/api/collectives/grenoble/events", EDITOR,
        event("Manif", "2026-03-14T14:00").put("publish", true)).bodyAsJsonObject().getString("id");
    h.sent.clear();
    h.clock.advance(Duration.ofHours(1));
    HttpResponse<Buffer> r = h.send(PUT, "/api/collectives/grenoble/events/" + id, EDITOR,
        event("Manif (nouveau lieu)", "2026-03-14T15:00"));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(List.of("Update", "Announce"), h.sentTypes());
    JsonObject updated = h.sent.get(0).getJsonObject("object");
    assertEquals("Manif (nouveau lieu)", updated.getString("name"));
    assertEquals("2026-03-01T11:00:00Z", updated.getString("updated"));
    assertEquals("2026-03-14T15:00:00+01:00", updated.getString("startTime"));
    assertEquals(403, h.send(PUT, "/api/collectives/grenoble/events/" + id, MEMBER, event("x", "2026-03-14T15:00"))
        .statusCode());

    h.sent.clear();
    r = h.send(POST, "/api/collectives/grenoble/events/" + id + "/cancel", EDITOR, null);
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals("Update", h.sent.get(0).getString("type"));
    JsonObject cancelled = h.sent.get(0).getJsonObject("object");
    assertEquals("Cancelled", cancelled.getString("eventStatus"));
    assertTrue(cancelled.getString("summary").startsWith("ANNULÉ · "), cancelled.getString("summary"));

    h.sent.clear();
    assertEquals(204, h.send(DELETE, "/api/collectives/grenoble/events/" + id, EDITOR, null).statusCode());
    assertEquals("Delete", h.sent.get(0).getString("type"));
    assertEquals("Tombstone", h.sent.get(0).getJsonObject("object").getString("type"));
    HttpResponse<Buffer> gone = await(h.request(GET, "/collectives/grenoble/events/" + id, null)
        .putHeader("Accept", "application/activity+json").send());
    assertEquals(410, gone.statusCode());
    AsValidator.document(gone.bodyAsJsonObject(), "Tombstone");
    assertEquals(404, h.send(GET, "/api/collectives/grenoble/events/" + id, EDITOR, null).statusCode());
    assertEquals(0, h.send(GET, "/api/collectives/grenoble/events", null, null).bodyAsJsonObject()
        .getJsonArray("items").size());
  }

  @Test
  void listsPageNewestFirstAndEventsByStartTime() {
    for (int i = 1; i <= 5; i++) {
      h.send(POST, "/api/collectives/grenoble/calls", EDITOR, call("Appel " + i).put("publish", true));
      h.clock.advance(Duration.ofMinutes(1));
    }
    JsonObject page1 = h.send(GET, "/api/collectives/grenoble/calls?limit=2", null, null).bodyAsJsonObject();
    assertEquals(List.of("Appel 5", "Appel 4"), titles(page1));
    JsonObject page2 = h.send(GET, "/api/collectives/grenoble/calls?limit=2&cursor=" + page1.getString("next"), null,
        null).bodyAsJsonObject();
    assertEquals(List.of("Appel 3", "Appel 2"), titles(page2));
    JsonObject page3 = h.send(GET, "/api/collectives/grenoble/calls?limit=2&cursor=" + page2.getString("next"), null,
        null).bodyAsJsonObject();
    assertEquals(List.of("Appel 1"), titles(page3));
    assertNull(page3.getString("next"));
    assertEquals(400, h.send(GET, "/api/collectives/grenoble/calls?cursor=%%%", null, null).statusCode());

    h.send(POST, "/api/collectives/grenoble/events", EDITOR, event("Avril", "2026-04-01T10:00").put("publish", true));
    h.send(POST, "/api/collectives/grenoble/events", EDITOR, event("Passé", "2026-02-01T10:00").put("publish", true));
    h.send(POST, "/api/collectives/grenoble/events", EDITOR, event("Mars", "2026-03-20T10:00").put("publish", true));
    assertEquals(List.of("Avril", "Mars", "Passé"),
        titles(h.send(GET, "/api/collectives/grenoble/events", null, null).bodyAsJsonObject()));
    JsonObject upcoming = await(h.request(GET, "/collectives/grenoble/upcoming-events?page=true", null)
        .putHeader("Accept", "application/activity+json").send()).bodyAsJsonObject();
    JsonArray items = upcoming.getJsonArray("orderedItems");
    assertEquals(2, items.size(), upcoming.encodePrettily());
    assertEquals("Mars", items.getJsonObject(0).getString("name"));
    assertEquals("Avril", items.getJsonObject(1).getString("name"));
    JsonObject collection = await(h.request(GET, "/collectives/grenoble/upcoming-events", null)
        .putHeader("Accept", "application/activity+json").send()).bodyAsJsonObject();
    assertEquals("OrderedCollection", collection.getString("type"));
    assertEquals(2, collection.getLong("totalItems"));
    JsonObject calls = await(h.request(GET, "/collectives/grenoble/calls?page=true&limit=3", null)
        .putHeader("Accept", "application/activity+json").send()).bodyAsJsonObject();
    assertEquals(3, calls.getJsonArray("orderedItems").size());
    assertTrue(calls.getString("next").contains("cursor="));
  }

  @Test
  void concurrentEditsOfOnePublicationLeaveExactlyOneIndexEntry() {
    String id = h.send(POST, "/api/collectives/grenoble/events", EDITOR,
        event("Manif", "2026-03-14T14:00").put("publish", true)).bodyAsJsonObject().getString("id");
    List<io.vertx.core.Future<HttpResponse<Buffer>>> edits = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      edits.add(h.request(PUT, "/api/collectives/grenoble/events/" + id, EDITOR)
          .sendJsonObject(event("Manif " + i, "2026-03-" + (15 + i) + "T14:00")));
    }
    for (var f : edits) {
      assertEquals(200, await(f).statusCode());
    }
    assertEquals(1, TestStores.count(h.store, PublicationKeyspaces.INDEX));
    assertEquals(1, h.send(GET, "/api/collectives/grenoble/events", null, null).bodyAsJsonObject()
        .getJsonArray("items").size());
  }

  private static List<String> titles(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("title")).toList();
  }
}
