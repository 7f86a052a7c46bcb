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
import org.coordo.federation.ActorType;
import org.coordo.federation.FollowState;
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
    Await.result(b.federation.internals().following().follow("lyon", "@" + a.handle("grenoble")));
    Await.until("lyon follows grenoble", () -> Await.result(b.worker.executeBlocking(
            () -> b.federation.internals().follows().findFollowing("lyon", a.actorId("grenoble")), false))
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

  /**
   * The Create of {@code objectUrl} as B received it: another Coordo node is group-aware (NodeInfo says coordo), so it
   * gets the group's FEP-1b12 Announce of the Create, not the Create itself nor the plain boost.
   */
  InboundActivity created(String objectUrl) {
    return announced("Create", objectUrl);
  }

  /** The {@code type} activity about {@code objectUrl} that B got wrapped in the group's Announce. */
  InboundActivity announced(String type, String objectUrl) {
    return Await.value("B got the " + type + " of " + objectUrl + " announced", () -> announces.received().stream()
        .filter(x -> x.objectAsJson() != null && type.equals(x.objectAsJson().getString("type"))
            && objectUrl.equals(As.idOf(x.objectAsJson().getValue("object"))))
        .map(x -> new InboundActivity(x.objectAsJson(), type, URI.create(x.objectAsJson().getString("actor")),
            x.recipients(), x.receivedAt()))
        .findFirst().orElse(null));
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
    }
    // one activity per publication for B: the FEP-1b12 form; neither the Create alone nor the plain boost
    Await.until("A's deliveries done", () -> Await.result(a.federation.internals().delivery().stats()).queued() == 0);
    for (JsonObject p : List.of(call, minutes, event)) {
      assertEquals(1, announces.received().stream().filter(x -> p.getString("url").equals(x.objectId())
          || (x.objectAsJson() != null && p.getString("url").equals(As.idOf(x.objectAsJson().getValue("object")))))
          .count(), "one Announce about " + p.getString("url"));
      assertTrue(creates.received().stream().noneMatch(x -> p.getString("url").equals(x.objectId())));
    }
    assertTrue(created(event.getString("url")).objectAsJson().getString("summary")
        .startsWith("samedi 16 mars 2030 · 14:00 · Place Grenette"));

    // edit, then cancel the event
    String eventPath = "/api/collectives/grenoble/events/" + event.getString("id");
    assertEquals(200, a.api(PUT, eventPath, EDITOR, event("Manif climat (nouveau parcours)")).statusCode());
    Await.until("B got the edit", () -> announces.received().stream().map(InboundActivity::objectAsJson)
        .filter(u -> u != null && "Update".equals(u.getString("type"))).map(u -> u.getValue("object"))
        .anyMatch(o -> o instanceof JsonObject j && "Manif climat (nouveau parcours)".equals(j.getString("name"))));
    assertEquals(200, a.api(POST, eventPath + "/cancel", EDITOR, null).statusCode());
    JsonObject cancelled = Await.value("B got the cancellation", () -> announces.received().stream()
        .map(InboundActivity::objectAsJson)
        .filter(u -> u != null && "Update".equals(u.getString("type"))).map(u -> u.getValue("object"))
        .filter(o -> o instanceof JsonObject j && "Cancelled".equals(j.getString("eventStatus")))
        .map(o -> (JsonObject) o).findFirst().orElse(null));
    assertTrue(cancelled.getString("summary").startsWith("ANNULÉ · "), cancelled.getString("summary"));

    // delete the call: B gets the Delete, A's URL answers 410 with a Tombstone
    assertEquals(204, a.api(DELETE, "/api/collectives/grenoble/calls/" + call.getString("id"), EDITOR, null)
        .statusCode());
    announced("Delete", call.getString("url"));
    var gone = a.getActivityJson(call.getString("url"));
    assertEquals(410, gone.statusCode());
    assertEquals("Tombstone", gone.bodyAsJsonObject().getString("type"));

    // dana on B replies to the minutes; the reply waits in A's moderation queue
    String noteId = b.url + "/notes/1";
    JsonObject note = new JsonObject().put("id", noteId).put("type", "Note")
        .put("attributedTo", b.actorId("dana").toString()).put("inReplyTo", minutes.getString("url"))
        .put("content", "<p>Bravo <script>alert(1)</script></p>")
        .put("to", new JsonArray().add(As.PUBLIC).add(group));
    Await.result(b.federation.internals().publisher().publish("dana", new JsonObject().put("type", "Create").put("object", note)
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
    URI join = Await.result(b.federation.internals().publisher().publish("dana", new JsonObject().put("type", "Join")
        .put("object", event.getString("url")).put("to", new JsonArray().add(group))));
    InboundActivity reject = Await.value("B got the Reject", () -> rejects.received().stream()
        .filter(r -> join.toString().equals(r.objectId())).findFirst().orElse(null));
    assertEquals(URI.create(group), reject.actor());
    assertTrue(reject.recipients().contains("dana"), reject.recipients().toString());
  }
}
