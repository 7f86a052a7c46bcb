package org.coordo.federation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import org.coordo.federation.ActorType;
import org.coordo.federation.FollowState;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.federation.testkit.TestNode;
import org.coordo.federation.vocab.As;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** B publishes to its followers; A (a follower on another node) receives, even after being down. */
class PublishIT {
  @TempDir Path dirA;
  @TempDir Path dirB;
  Vertx vertx;
  TestNode a;
  TestNode b;
  RecordingListener creates;
  RecordingListener updates;
  RecordingListener deletes;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    a = TestNode.start(vertx, dirA);
    b = TestNode.start(vertx, dirB);
    a.createActor("lyon", ActorType.Group, false);
    b.createActor("grenoble", ActorType.Group, false);
    creates = a.record("Create");
    updates = a.record("Update");
    deletes = a.record("Delete");
    Await.result(a.federation().internals().following().follow("lyon", b.handle("grenoble")));
    Await.until("A follows B", () -> FollowIT.following(a, "lyon", b.actorId("grenoble"))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
  }

  @AfterEach
  void tearDown() {
    a.close();
    b.close();
    Await.result(vertx.close());
  }

  private JsonObject note(String path, String content) {
    return new JsonObject()
        .put("id", b.url() + path)
        .put("type", "Note")
        .put("attributedTo", b.actorId("grenoble").toString())
        .put("content", content)
        .put("to", new JsonArray().add(As.PUBLIC))
        .put("cc", new JsonArray().add(b.uris().followers("grenoble").toString()));
  }

  private URI publish(String type, Object object) {
    JsonObject activity = new JsonObject()
        .put("type", type)
        .put("object", object)
        .put("to", new JsonArray().add(As.PUBLIC))
        .put("cc", new JsonArray().add(b.uris().followers("grenoble").toString()));
    return Await.result(b.federation().internals().publisher().publish("grenoble", activity));
  }

  @Test
  void createUpdateAndDeleteReachTheFollowingNode() {
    JsonObject note = note("/notes/1", "Assemblée générale jeudi 19 h");
    URI create = publish("Create", note);

    InboundActivity got = Await.value("A's listener got the Create", () -> creates.find(create.toString()).orElse(null));
    assertEquals(b.actorId("grenoble"), got.actor());
    assertEquals(note.getString("id"), got.objectId());
    assertTrue(got.recipients().contains("lyon"), "addressed to A's follower: " + got.recipients());
    assertEquals("Assemblée générale jeudi 19 h", got.objectAsJson().getString("content"));

    JsonObject edited = note("/notes/1", "Assemblée générale jeudi 20 h").put("updated", "2026-01-15T11:00:00Z");
    URI update = publish("Update", edited);
    InboundActivity changed = Await.value("A's listener got the Update", () -> updates.find(update.toString()).orElse(null));
    assertEquals("Assemblée générale jeudi 20 h", changed.objectAsJson().getString("content"));

    URI delete = publish("Delete", new JsonObject().put("id", note.getString("id")).put("type", "Tombstone"));
    InboundActivity gone = Await.value("A's listener got the Delete", () -> deletes.find(delete.toString()).orElse(null));
    assertEquals(note.getString("id"), gone.objectId());
  }

  @Test
  void twoFollowersOnOneNodeShareOneDeliveryToItsSharedInbox() {
    a.createActor("lyon-jeunes", ActorType.Group, false);
    Await.result(a.federation().internals().following().follow("lyon-jeunes", b.handle("grenoble")));
    Await.until("second follower accepted", () -> FollowIT.following(a, "lyon-jeunes", b.actorId("grenoble"))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));

    URI create = publish("Create", note("/notes/3", "Manifestation samedi"));
    InboundActivity got = Await.value("A got the Create", () -> creates.find(create.toString()).orElse(null));
    assertEquals(java.util.Set.of("lyon", "lyon-jeunes"), got.recipients());
    assertEquals(1, creates.received().stream().filter(x -> x.activity().getString("id").equals(create.toString())).count());
  }

  @Test
  void aNodeThatWasDownReceivesWhatWasPublishedMeanwhile() {
    a.stop();
    URI create = publish("Create", note("/notes/2", "Appel à mobilisation"));
    Await.until("B failed to deliver to the stopped node",
        () -> Await.result(b.federation().internals().delivery().stats()).failingHosts().stream()
            .anyMatch(h -> h.host().equals(a.authority())));
    assertTrue(creates.find(create.toString()).isEmpty());

    a.restart();
    Await.value("A's listener got the Create after its restart", () -> creates.find(create.toString()).orElse(null));
    Await.until("B's queue drained and the host healthy", () -> {
      var stats = Await.result(b.federation().internals().delivery().stats());
      return stats.queued() == 0 && stats.failingHosts().isEmpty();
    });
  }
}
