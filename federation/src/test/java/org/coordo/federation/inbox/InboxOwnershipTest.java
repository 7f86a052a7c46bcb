package org.coordo.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.federation.sig.TestKeys;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ownership by author, not by origin: alice and mallory are two actors of ONE remote server (same
 * origin), each signing with its own real key; what mallory sends about alice's objects must not act as
 * alice's.
 */
class InboxOwnershipTest {
  @TempDir Path dir;
  Vertx vertx;
  InboxFixture node;
  FakeRemote remote;
  final List<InboundActivity> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    node = new InboxFixture(vertx, dir, 64 * 1024);
    remote = new FakeRemote(vertx).actor("alice", TestKeys.ALICE).actor("mallory", TestKeys.BOB);
    node.createLocal("grenoble", false);
    for (String type : List.of("Create", "Update", "Delete")) {
      node.listeners.on(type, a -> {
        received.add(a);
        return Future.succeededFuture();
      });
    }
  }

  @AfterEach
  void stop() {
    node.close();
    remote.close();
    Await.result(vertx.close());
  }

  JsonObject activity(String type, String actor, Object object) {
    return new JsonObject()
        .put("id", remote.actorId(actor) + "/activities/" + UUID.randomUUID())
        .put("type", type)
        .put("actor", remote.actorId(actor).toString())
        .put("object", object)
        .put("to", new JsonArray().add(node.uris.actor("grenoble").toString()));
  }

  JsonObject note(String author, String id, String content) {
    return new JsonObject().put("id", id).put("type", "Note").put("attributedTo", remote.actorId(author).toString())
        .put("content", content);
  }

  int post(String signer, JsonObject activity) {
    return node.post("/inbox", activity, remote.cavage(signer, node.clock)).status();
  }

  List<String> received(String type) {
    return received.stream().filter(a -> a.type().equals(type)).map(a -> a.activity().getString("id")).toList();
  }

  @Test
  void aDeleteByAnotherActorOfAnIdNotYetSeenDoesNotBlockTheAuthorsCreate() {
    String noteId = remote.actorId("alice") + "/notes/1";
    assertEquals(202, post("mallory", activity("Delete", "mallory", noteId)));
    JsonObject create = activity("Create", "alice", note("alice", noteId, "hello"));
    assertEquals(202, post("alice", create));
    assertEquals(List.of(create.getString("id")), received("Create"), "alice's Create reaches the listeners");
  }

  @Test
  void aDeleteByTheAuthorBeforeItsCreateStillWins() {
    String noteId = remote.actorId("alice") + "/notes/2";
    // mallory's delete first, then alice's own: alice's Create is a no-op all the same
    assertEquals(202, post("mallory", activity("Delete", "mallory", noteId)));
    assertEquals(202, post("alice", activity("Delete", "alice",
        new JsonObject().put("id", noteId).put("type", "Tombstone"))));
    assertEquals(202, post("alice", activity("Create", "alice", note("alice", noteId, "hello"))));
    assertEquals(List.of(), received("Create"));
  }

  @Test
  void anActorCannotCreateAnObjectAttributedToAnotherActorOfItsServer() {
    JsonObject create = activity("Create", "mallory",
        note("alice", remote.actorId("alice") + "/notes/3", "words put in alice's mouth"));
    assertEquals(403, post("mallory", create));
    assertEquals(List.of(), received("Create"));
  }

  @Test
  void anActorCannotUpdateAnObjectOfAnotherActorOfItsServer() {
    JsonObject update = activity("Update", "mallory",
        note("alice", remote.actorId("alice") + "/notes/4", "edited by mallory"));
    assertEquals(403, post("mallory", update));
    assertEquals(List.of(), received("Update"));
    // the author's own update goes through
    JsonObject own = activity("Update", "alice", note("alice", remote.actorId("alice") + "/notes/4", "edited"));
    assertEquals(202, post("alice", own));
    assertEquals(List.of(own.getString("id")), received("Update"));
  }
}
