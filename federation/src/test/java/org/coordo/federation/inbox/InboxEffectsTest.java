package org.coordo.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.coordo.federation.FollowState;
import org.coordo.federation.Following;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.testkit.Await;
import org.coordo.storage.Durability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Side effects beyond follows: self-deletes, blocks, flags, failing listeners. */
class InboxEffectsTest {
  static final KeyPair ALICE = ActorKeys.generate();

  @TempDir Path dir;
  Vertx vertx;
  InboxFixture node;
  FakeRemote remote;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    node = new InboxFixture(vertx, dir, 256 * 1024);
    remote = new FakeRemote(vertx).actor("alice", ALICE);
    node.createLocal("grenoble", false);
  }

  @AfterEach
  void stop() {
    node.close();
    remote.close();
    Await.result(vertx.close());
  }

  JsonObject activity(String type, Object object) {
    return new JsonObject()
        .put("id", remote.actorId("alice") + "/activities/" + UUID.randomUUID())
        .put("type", type)
        .put("actor", remote.actorId("alice").toString())
        .put("object", object)
        .put("to", new JsonArray().add(node.uris.actor("grenoble").toString()));
  }

  int post(JsonObject activity) {
    return node.post("/inbox", activity, remote.cavage("alice", node.clock)).status();
  }

  void follow() {
    assertEquals(202, post(activity("Follow", node.uris.actor("grenoble").toString())));
    assertEquals(1, node.follows.count("grenoble"));
  }

  @Test
  void actorDeletingItselfLosesItsFollowsAndCachedDocument() {
    follow();
    node.follows.write(b -> node.follows.putFollowing(b, new Following("grenoble", remote.actorId("alice"),
        FollowState.ACCEPTED, node.uris.activity("f1").toString(), node.clock.instant())), Durability.SYNC);
    assertEquals(202, post(activity("Delete", remote.actorId("alice").toString())));
    assertEquals(0, node.follows.count("grenoble"));
    assertEquals(0, node.follows.countFollowing("grenoble"));
    assertTrue(node.follows.relationsOf(remote.actorId("alice")).isEmpty());
    assertTrue(node.remoteRepository.find(remote.actorId("alice")).isEmpty());
  }

  @Test
  void blockRemovesTheBlockerFromFollowers() {
    follow();
    List<String> blocks = new java.util.concurrent.CopyOnWriteArrayList<>();
    node.listeners.on("Block", a -> {
      blocks.add(a.objectId());
      return Future.succeededFuture();
    });
    assertEquals(202, post(activity("Block", node.uris.actor("grenoble").toString())));
    assertEquals(0, node.follows.count("grenoble"));
    assertEquals(List.of(node.uris.actor("grenoble").toString()), blocks);
  }

  @Test
  void flagsAreKeptForModerators() {
    JsonObject flag = activity("Flag", new JsonArray().add(node.uris.actor("grenoble").toString()))
        .put("content", "spam");
    assertEquals(202, post(flag));
    assertEquals(202, post(activity("Like", "https://x.example/n/1")));
    var flags = node.log.flags(null, 10).items();
    assertEquals(1, flags.size());
    assertEquals("spam", flags.get(0).activity().getString("content"));
    assertEquals(InboxEntry.State.PROCESSED, flags.get(0).state());
  }

  @Test
  void failingListenerLeavesTheEntryForReplay() {
    AtomicInteger calls = new AtomicInteger();
    node.listeners.on("Create", a -> calls.incrementAndGet() == 1
        ? Future.failedFuture(new IllegalStateException("index unavailable"))
        : Future.succeededFuture());
    JsonObject create = activity("Create", new JsonObject().put("id", remote.actorId("alice") + "/notes/1")
        .put("type", "Note").put("content", "hi"));
    assertEquals(202, post(create));
    InboxEntry failed = node.log.recent(null, 1).items().get(0);
    assertEquals(InboxEntry.State.FAILED, failed.state());
    assertTrue(failed.error().contains("index unavailable"), failed.error());

    assertEquals(1, Await.result(node.processor.replayPending()));
    assertEquals(2, calls.get());
    assertEquals(InboxEntry.State.PROCESSED, node.log.find(failed.id()).orElseThrow().state());
    assertEquals(0, Await.result(node.processor.replayPending()));
  }

  @Test
  void followOfAnUnparsableObjectIsIgnoredNotLeftFailed() {
    assertEquals(202, post(activity("Follow", node.uris.base() + "/actors/grenoble x")));
    InboxEntry entry = node.log.recent(null, 1).items().get(0);
    assertEquals(InboxEntry.State.PROCESSED, entry.state(), entry.error());
    assertEquals(0, node.follows.count("grenoble"));
  }

  @Test
  void housekeepingRetriesAFailedEntryOnceItHasSettled() {
    AtomicInteger calls = new AtomicInteger();
    node.listeners.on("Create", a -> calls.incrementAndGet() == 1
        ? Future.failedFuture(new IllegalStateException("index unavailable"))
        : Future.succeededFuture());
    assertEquals(202, post(activity("Create", new JsonObject().put("id", remote.actorId("alice") + "/notes/2")
        .put("type", "Note").put("content", "hi"))));
    InboxEntry failed = node.log.recent(null, 1).items().get(0);
    InboxHousekeeping housekeeping = new InboxHousekeeping(vertx, node.processor, node.clock, Duration.ofMinutes(5));

    Await.result(housekeeping.tick()); // too young: a live request may still hold it
    assertEquals(1, calls.get());
    assertEquals(InboxEntry.State.FAILED, node.log.find(failed.id()).orElseThrow().state());

    node.clock.advance(InboxHousekeeping.SETTLE.plusSeconds(1));
    Await.result(housekeeping.tick());
    assertEquals(2, calls.get());
    assertEquals(InboxEntry.State.PROCESSED, node.log.find(failed.id()).orElseThrow().state());
  }

  @Test
  void actorUpdatingItselfRefreshesTheCachedDocument() {
    follow();
    JsonObject updated = remote.actorDocument("alice", ALICE, remote.keyId("alice")).put("name", "Alice L.")
        .put("endpoints", new JsonObject().put("sharedInbox", remote.base + "/shared2"));
    assertEquals(202, post(activity("Update", updated)));
    assertEquals("Alice L.", node.remoteRepository.find(remote.actorId("alice")).orElseThrow().actor().document()
        .getString("name"));
    assertEquals(URI.create(remote.base + "/shared2"),
        node.remoteRepository.find(remote.actorId("alice")).orElseThrow().actor().sharedInbox());
    assertEquals(java.util.Set.of(URI.create(remote.base + "/shared2")), node.follows.acceptedFollowerInboxes("grenoble"));
  }

  @Test
  void goneActorDeletingItselfIsAcknowledgedWithoutEffect() {
    KeyPair gone = ActorKeys.generate();
    remote.actor("gone", gone);
    var signer = remote.cavage("gone", node.clock);
    remote.remove("/users/gone");
    JsonObject delete = new JsonObject().put("id", remote.actorId("gone") + "#delete").put("type", "Delete")
        .put("actor", remote.actorId("gone").toString()).put("object", remote.actorId("gone").toString());
    assertEquals(202, node.post("/inbox", delete, signer).status());
    assertEquals(0, node.seenCount());
    // Any other activity from an actor whose key cannot be fetched is still refused.
    JsonObject like = new JsonObject().put("id", remote.actorId("gone") + "/likes/1").put("type", "Like")
        .put("actor", remote.actorId("gone").toString()).put("object", "https://x.example/n/1");
    assertEquals(401, node.post("/inbox", like, signer).status());
  }

  @Test
  void remoteCreateOfALocalObjectIsRefused() {
    JsonObject create = activity("Create", new JsonObject().put("id", node.uris.activity("x").toString())
        .put("type", "Note").put("content", "impostor"));
    assertEquals(403, post(create));
    assertEquals(0, node.seenCount());
  }

  @Test
  void pruningForgetsOldProcessedEntriesAndSeenIdsButKeepsFlagsAndTombstones() {
    JsonObject like = activity("Like", "https://x.example/n/1");
    assertEquals(202, post(like));
    assertEquals(202, post(activity("Flag", node.uris.actor("grenoble").toString())));
    String noteId = remote.actorId("alice") + "/notes/old";
    assertEquals(202, post(activity("Delete", noteId)));
    node.clock.advance(java.time.Duration.ofDays(40));
    JsonObject recent = activity("Like", "https://x.example/n/2");
    assertEquals(202, post(recent));

    int pruned = Await.result(node.processor.prune(java.time.Duration.ofDays(7), java.time.Duration.ofDays(30)));
    assertEquals(2 + 3, pruned, "Like and Delete entries, three old seen ids");
    assertEquals(1, node.log.flags(null, 10).items().size());
    assertTrue(node.seen.isTombstoned(noteId));
    assertTrue(node.seen.seen(recent.getString("id")));
    assertTrue(!node.seen.seen(like.getString("id")));
    assertEquals(2, node.log.recent(null, 10).items().size(), "the Flag and the recent Like");
  }

  @Test
  void createAttributedToAnotherOriginsActorIsRefused() {
    JsonObject create = activity("Create", new JsonObject().put("id", remote.actorId("alice") + "/notes/2")
        .put("type", "Note").put("attributedTo", "https://elsewhere.example/users/zed").put("content", "framed"));
    assertEquals(403, post(create));
    assertEquals(0, node.seenCount());
  }
}
