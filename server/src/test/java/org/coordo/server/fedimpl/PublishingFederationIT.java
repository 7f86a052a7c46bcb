package org.coordo.server.fedimpl;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coordo.federation.actor.ActorType;
import org.coordo.federation.follow.FollowState;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.federation.vocab.As;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.convert.AsValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real nodes on loopback. Node A hosts the collective "grenoble" (editor alice, member bob);
 * node B hosts "lyon", which follows it, and dana, who replies. What an editor does on A reaches B
 * as the fediverse expects, and B's reply lands in A's moderation queue.
 */
class PublishingFederationIT {
  static final String EDITOR = "tok-alice";
  static final String MEMBER = "tok-bob";

  @TempDir Path dirA;
  @TempDir Path dirB;
  Vertx vertx;
  PublishingTestNode a;
  PublishingTestNode b;
  final RecordingListener creates = new RecordingListener();
  final RecordingListener announces = new RecordingListener();
  final RecordingListener updates = new RecordingListener();
  final RecordingListener deletes = new RecordingListener();
  final RecordingListener rejects = new RecordingListener();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    a = new PublishingTestNode(vertx, dirA, Map.of(
        EDITOR, new Principal("u1", "alice", false, Map.of("grenoble", Role.EDITOR)),
        MEMBER, new Principal("u2", "bob", false, Map.of("grenoble", Role.MEMBER))), Map.of());
    b = new PublishingTestNode(vertx, dirB, Map.of(), Map.of(
        "Create", creates, "Announce", announces, "Update", updates, "Delete", deletes, "Reject", rejects));
    a.createActor("grenoble", ActorType.Group);
    a.createActor("alice", ActorType.Person);
    b.createActor("lyon", ActorType.Group);
    b.createActor("dana", ActorType.Person);
    Await.result(b.federation.following().follow("lyon", "@" + a.handle("grenoble")));
    Await.until("lyon follows grenoble", () -> Await.result(b.worker.executeBlocking(
            () -> b.federation.follows().findFollowing("lyon", a.actorId("grenoble")), false))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
  }

  @AfterEach
  void tearDown() {
    a.close();
    b.close();
    Await.result(vertx.close());
  }

  static JsonObject event(String title) {
    return new JsonObject().put("title", title).put("timezone", "Europe/Paris")
        .put("startTime", "2030-03-16T14:00").put("endTime", "2030-03-16T18:00")
        .put("content", "Manifestation pour le climat.").put("category", "MOVEMENTS_POLITICS")
        .put("location", new JsonObject().put("name", "Place Grenette").put("address", "Place Grenette, 38000 Grenoble")
            .put("latitude", 45.1885).put("longitude", 5.7245));
  }

  InboundActivity created(String objectUrl) {
    return Await.value("B got the Create of " + objectUrl, () -> creates.received().stream()
        .filter(x -> objectUrl.equals(x.objectId())).findFirst().orElse(null));
  }

  @Test
  void aFollowingCollectiveReceivesEverythingAndARemoteReplyIsModerated() {
    // a member without rights is refused, and nothing reaches B
    assertEquals(403, a.api(POST, "/api/collectives/grenoble/calls", MEMBER,
        new JsonObject().put("title", "x").put("content", "y").put("publish", true)).statusCode());

    JsonObject call = a.api(POST, "/api/collectives/grenoble/calls", EDITOR, new JsonObject()
        .put("title", "Appel à la grève").put("content", "Grève **le 5 mars**.").put("publish", true)).bodyAsJsonObject();
    JsonObject minutes = a.api(POST, "/api/collectives/grenoble/minutes", EDITOR, new JsonObject()
        .put("title", "AG de mars").put("assemblyDate", "2030-03-07").put("content", "Ordre du jour.")
        .put("decisions", new JsonArray().add("Grève le 5 mars")).put("publish", true)).bodyAsJsonObject();
    JsonObject event = a.api(POST, "/api/collectives/grenoble/events", EDITOR, event("Manif climat").put("publish", true))
        .bodyAsJsonObject();
    String group = a.actorId("grenoble").toString();

    for (JsonObject p : List.of(call, minutes, event)) {
      InboundActivity create = created(p.getString("url"));
      assertEquals(URI.create(group), create.actor());
      assertTrue(create.recipients().contains("lyon"), create.recipients().toString());
      JsonObject object = create.objectAsJson();
      AsValidator.publication(object, p.getString("kind").equals("events") ? "Event" : "Article", group);
      assertEquals(p.getString("federatedSummary"), object.getString("summary"));
      // the group's two announces: FEP-1b12 (the Create itself) and a plain boost of the object
      Await.until("B got both Announces of " + p.getString("url"), () -> announces.received().stream()
          .filter(x -> p.getString("url").equals(x.objectId())
              || create.activity().getString("id").equals(x.objectId())).count() == 2);
    }
    assertTrue(created(event.getString("url")).objectAsJson().getString("summary")
        .startsWith("samedi 16 mars 2030 · 14:00 · Place Grenette"));

    // edit, then cancel the event
    String eventPath = "/api/collectives/grenoble/events/" + event.getString("id");
    assertEquals(200, a.api(PUT, eventPath, EDITOR, event("Manif climat (nouveau parcours)")).statusCode());
    Await.until("B got the edit", () -> updates.received().stream().anyMatch(u -> u.objectAsJson() != null
        && "Manif climat (nouveau parcours)".equals(u.objectAsJson().getString("name"))));
    assertEquals(200, a.api(POST, eventPath + "/cancel", EDITOR, null).statusCode());
    JsonObject cancelled = Await.value("B got the cancellation", () -> updates.received().stream()
        .map(InboundActivity::objectAsJson)
        .filter(o -> o != null && "Cancelled".equals(o.getString("eventStatus"))).findFirst().orElse(null));
    assertTrue(cancelled.getString("summary").startsWith("ANNULÉ · "), cancelled.getString("summary"));

    // delete the call: B gets the Delete, A's URL answers 410 with a Tombstone
    assertEquals(204, a.api(DELETE, "/api/collectives/grenoble/calls/" + call.getString("id"), EDITOR, null)
        .statusCode());
    Await.until("B got the Delete", () -> deletes.received().stream()
        .anyMatch(d -> call.getString("url").equals(d.objectId())));
    var gone = a.getActivityJson(call.getString("url"));
    assertEquals(410, gone.statusCode());
    assertEquals("Tombstone", gone.bodyAsJsonObject().getString("type"));

    // dana on B replies to the minutes; the reply waits in A's moderation queue
    String noteId = b.url + "/notes/1";
    JsonObject note = new JsonObject().put("id", noteId).put("type", "Note")
        .put("attributedTo", b.actorId("dana").toString()).put("inReplyTo", minutes.getString("url"))
        .put("content", "<p>Bravo <script>alert(1)</script></p>")
        .put("to", new JsonArray().add(As.PUBLIC).add(group));
    Await.result(b.federation.publisher().publish("dana", new JsonObject().put("type", "Create").put("object", note)
        .put("to", new JsonArray().add(As.PUBLIC).add(group))));
    JsonObject pending = Await.value("the reply is in A's moderation queue", () -> {
      JsonArray items = a.api(GET, "/api/collectives/grenoble/moderation/replies", EDITOR, null).bodyAsJsonObject()
          .getJsonArray("items");
      return items.isEmpty() ? null : items.getJsonObject(0);
    });
    assertEquals(noteId, pending.getString("id"));
    assertEquals("<p>Bravo </p>", pending.getString("contentHtml"));
    assertEquals(403, a.api(POST, "/api/collectives/grenoble/moderation/replies/" + pending.getString("ref")
        + "/approve", MEMBER, null).statusCode());
    assertEquals(200, a.api(POST, "/api/collectives/grenoble/moderation/replies/" + pending.getString("ref")
        + "/approve", EDITOR, null).statusCode());
    JsonObject replies = a.getActivityJson(minutes.getString("url") + "/replies?page=true").bodyAsJsonObject();
    assertEquals(JsonArray.of(noteId), replies.getJsonArray("orderedItems"));
    assertEquals(1, a.api(GET, "/api/collectives/grenoble/minutes/" + minutes.getString("id"), null, null)
        .bodyAsJsonObject().getJsonObject("counters").getLong("replies"));
  }

  @Test
  void aJoinOfAnEventIsAnsweredWithAReject() {
    JsonObject event = a.api(POST, "/api/collectives/grenoble/events", EDITOR, event("Réunion").put("publish", true))
        .bodyAsJsonObject();
    created(event.getString("url"));
    String group = a.actorId("grenoble").toString();
    // Mobilizon's "participate": dana on B joins the event; Coordo keeps no participant list and says so
    URI join = Await.result(b.federation.publisher().publish("dana", new JsonObject().put("type", "Join")
        .put("object", event.getString("url")).put("to", new JsonArray().add(group))));
    InboundActivity reject = Await.value("B got the Reject", () -> rejects.received().stream()
        .filter(r -> join.toString().equals(r.objectId())).findFirst().orElse(null));
    assertEquals(URI.create(group), reject.actor());
    assertTrue(reject.recipients().contains("dana"), reject.recipients().toString());
  }
}
