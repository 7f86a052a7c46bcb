package org.coordo.federation.inbox;

import org.coordo.federation.spi.InboxPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxHandlerTest {
  static final KeyPair ALICE = ActorKeys.generate();
  static final KeyPair BOB = ActorKeys.generate();
  static final KeyPair MALLORY = ActorKeys.generate();

  @TempDir Path dir;
  Vertx vertx;
  InboxFixture node;
  FakeRemote remote;
  final List<InboundActivity> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    node = new InboxFixture(vertx, dir, 64 * 1024);
    remote = new FakeRemote(vertx).actor("alice", ALICE).actor("bob", BOB);
    node.createLocal("grenoble", false);
    for (String type : List.of("Follow", "Create", "Update", "Delete", "Announce", "Undo", "Accept")) {
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
        .put("@context", "https://www.w3.org/ns/activitystreams")
        .put("id", remote.actorId(actor) + "/activities/" + UUID.randomUUID())
        .put("type", type)
        .put("actor", remote.actorId(actor).toString())
        .put("object", object)
        .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"))
        .put("cc", new JsonArray().add(remote.actorId(actor) + "/followers"));
  }

  JsonObject note(String actor, String id) {
    return new JsonObject().put("id", id).put("type", "Note").put("attributedTo", remote.actorId(actor).toString())
        .put("content", "hello");
  }

  void assertNothingStored() {
    assertEquals(0, node.seenCount(), "seen ids");
    assertEquals(0, node.logCount(), "inbox log");
  }

  @Test
  void acceptedSignedFollowStoresFollowerAndSendsAccept() {
    JsonObject follow = activity("Follow", "alice", node.uris.actor("grenoble").toString());
    InboxFixture.Response r = node.post("/actors/grenoble/inbox", follow, remote.cavage("alice", node.clock));
    assertEquals(202, r.status(), String.valueOf(r.body()));

    Follower f = node.follows.findFollower("grenoble", remote.actorId("alice")).orElseThrow();
    assertEquals(FollowState.ACCEPTED, f.state());
    assertEquals(follow.getString("id"), f.followActivityId());
    assertEquals(URI.create(remote.base + "/inbox"), f.sharedInbox());
    assertEquals(1, node.sent.size());
    JsonObject accept = node.sent.get(0);
    assertEquals("Accept", accept.getString("type"));
    assertEquals(node.uris.actor("grenoble").toString(), accept.getString("actor"));
    assertEquals(follow.getString("id"), accept.getJsonObject("object").getString("id"));
    assertEquals(List.of(remote.actorId("alice").toString()), accept.getJsonArray("to").getList());
    assertEquals(1, received.size());
    assertEquals(java.util.Set.of("grenoble"), received.get(0).recipients());
  }

  @Test
  void followOfManuallyApprovingActorStaysPendingUntilApproved() {
    node.createLocal("lyon", true);
    JsonObject follow = activity("Follow", "bob", node.uris.actor("lyon").toString());
    assertEquals(202, node.post("/inbox", follow, remote.rfc9421("bob", node.clock)).status());
    assertEquals(FollowState.PENDING, node.follows.findFollower("lyon", remote.actorId("bob")).orElseThrow().state());
    assertTrue(node.sent.isEmpty());
    assertEquals(1, node.follows.pending("lyon", 10).size());

    Await.result(node.processor.follows().approve("lyon", remote.actorId("bob")));
    assertEquals(FollowState.ACCEPTED, node.follows.findFollower("lyon", remote.actorId("bob")).orElseThrow().state());
    assertEquals("Accept", node.sent.get(0).getString("type"));
    assertEquals(1, node.follows.count("lyon"));

    JsonObject second = activity("Follow", "alice", node.uris.actor("lyon").toString());
    assertEquals(202, node.post("/actors/lyon/inbox", second, remote.cavage("alice", node.clock)).status());
    Await.result(node.processor.follows().reject("lyon", remote.actorId("alice")));
    assertTrue(node.follows.findFollower("lyon", remote.actorId("alice")).isEmpty());
    JsonObject reject = node.sent.get(1);
    assertEquals("Reject", reject.getString("type"));
    assertEquals(second.getString("id"), reject.getJsonObject("object").getString("id"));
    assertTrue(node.follows.pending("lyon", 10).isEmpty());
  }

  @Test
  void forgedSignatureIsRefusedAndNothingStored() {
    JsonObject follow = activity("Follow", "alice", node.uris.actor("grenoble").toString());
    // Mallory signs with her own key but names alice's key id.
    var forged = new org.coordo.federation.sig.CavageSigner(remote.keyId("alice"), MALLORY.getPrivate(), node.clock);
    InboxFixture.Response r = node.post("/actors/grenoble/inbox", follow, forged);
    assertEquals(401, r.status());
    assertTrue(r.body().getString("error").contains("does not verify"), r.body().encode());
    assertNothingStored();
    assertTrue(node.follows.findFollower("grenoble", remote.actorId("alice")).isEmpty());
  }

  @Test
  void unsignedRequestIsRefused() {
    JsonObject create = activity("Create", "alice", note("alice", remote.base + "/notes/1"));
    byte[] body = create.encode().getBytes(StandardCharsets.UTF_8);
    InboxFixture.Response r = node.post("/inbox", body, "application/activity+json", null,
        Map.of("Digest", org.coordo.federation.sig.Digests.digestHeader(body)));
    assertEquals(401, r.status());
    assertNothingStored();
  }

  @Test
  void signatureDatedOverAnHourAgoIsRefused() {
    MutableClock past = new MutableClock(node.clock.instant().minus(Duration.ofMinutes(61)));
    JsonObject create = activity("Create", "alice", note("alice", remote.base + "/notes/1"));
    InboxFixture.Response r = node.post("/inbox", create, remote.cavage("alice", past));
    assertEquals(401, r.status());
    assertTrue(r.body().getString("error").contains("old"), r.body().encode());
    assertNothingStored();
    assertTrue(received.isEmpty());
  }

  @Test
  void digestMismatchIsRefused() {
    JsonObject create = activity("Create", "alice", note("alice", remote.base + "/notes/1"));
    byte[] signed = create.encode().getBytes(StandardCharsets.UTF_8);
    URI target = URI.create(node.base + "/inbox");
    Map<String, String> headers = new java.util.HashMap<>(remote.cavage("alice", node.clock).sign("POST", target, signed));
    headers.remove("Host");
    byte[] tampered = create.copy().put("content", "changed").encode().getBytes(StandardCharsets.UTF_8);
    InboxFixture.Response r = node.post("/inbox", tampered, "application/activity+json", null, headers);
    assertEquals(401, r.status());
    assertTrue(r.body().getString("error").contains("Digest"), r.body().encode());
    assertNothingStored();
  }

  @Test
  void signerWhoIsNotTheActorIsRefused() {
    // Bob signs (validly, with his own key) an activity that claims alice as its actor.
    JsonObject create = activity("Create", "alice", note("alice", remote.base + "/notes/1"));
    InboxFixture.Response r = node.post("/inbox", create, remote.cavage("bob", node.clock));
    assertEquals(401, r.status());
    assertTrue(r.body().getString("error").contains("not by the activity's actor"), r.body().encode());
    assertNothingStored();
  }

  @Test
  void sameActivityTwiceHasOneEffect() {
    JsonObject create = activity("Create", "alice", note("alice", remote.actorId("alice") + "/notes/1"));
    assertEquals(202, node.post("/inbox", create, remote.cavage("alice", node.clock)).status());
    assertEquals(202, node.post("/inbox", create, remote.rfc9421("alice", node.clock)).status());
    assertEquals(1, received.size());
    assertEquals(1, node.log.recent(null, 10).items().size());
  }

  @Test
  void concurrentCopiesOfOneActivityHaveOneEffectAndDistinctOnesAreAllStored() throws Exception {
    JsonObject create = activity("Create", "alice", note("alice", remote.actorId("alice") + "/notes/same"));
    List<JsonObject> distinct = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      distinct.add(activity("Create", "bob", note("bob", remote.actorId("bob") + "/notes/" + i)));
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    try {
      List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        statuses.add(pool.submit(() -> node.post("/inbox", create, remote.cavage("alice", node.clock)).status()));
      }
      for (JsonObject d : distinct) {
        statuses.add(pool.submit(() -> node.post("/inbox", d, remote.cavage("bob", node.clock)).status()));
      }
      for (java.util.concurrent.Future<Integer> st : statuses) {
        assertEquals(202, st.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, received.stream().filter(a -> a.activity().getString("id").equals(create.getString("id"))).count(),
        "16 concurrent copies, one effect");
    assertEquals(25, received.size());
    assertEquals(50, node.seenCount(), "a seen id and its time index key per activity");
    assertEquals(25, node.log.recent(null, 100).items().size());
  }

  @Test
  void bodyOverTheLimitIs413() {
    JsonObject create = activity("Create", "alice", note("alice", remote.base + "/notes/1").put("content", "x".repeat(70_000)));
    InboxFixture.Response r = node.post("/inbox", create, remote.cavage("alice", node.clock));
    assertEquals(413, r.status());
    assertNothingStored();
  }

  @Test
  void nonJsonIs400AndWrongContentTypeIs415() {
    byte[] junk = "not json at all".getBytes(StandardCharsets.UTF_8);
    InboxFixture.Response bad = node.post("/inbox", junk, "application/activity+json", remote.cavage("alice", node.clock), Map.of());
    assertEquals(400, bad.status());
    byte[] json = activity("Create", "alice", "x").encode().getBytes(StandardCharsets.UTF_8);
    InboxFixture.Response wrongType = node.post("/inbox", json, "text/plain", remote.cavage("alice", node.clock), Map.of());
    assertEquals(415, wrongType.status());
    InboxFixture.Response ld = node.post("/inbox", activity("Like", "alice", "https://x.example/n/1").encode()
        .getBytes(StandardCharsets.UTF_8), "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
        remote.cavage("alice", node.clock), Map.of());
    assertEquals(202, ld.status());
  }

  @Test
  void unknownTypeIsAcceptedAndIgnored() {
    InboxFixture.Response r = node.post("/inbox", activity("Dance", "alice", "x"), remote.cavage("alice", node.clock));
    assertEquals(202, r.status());
    assertNothingStored();
    assertTrue(received.isEmpty());
  }

  @Test
  void unknownLocalActorIs404() {
    JsonObject follow = activity("Follow", "alice", node.uris.actor("nobody").toString());
    assertEquals(404, node.post("/actors/nobody/inbox", follow, remote.cavage("alice", node.clock)).status());
    assertNothingStored();
  }

  @Test
  void deleteBeforeCreateIsRemembered() {
    String noteId = remote.actorId("alice") + "/notes/7";
    JsonObject delete = activity("Delete", "alice",
        new JsonObject().put("id", noteId).put("type", "Tombstone"));
    assertEquals(202, node.post("/inbox", delete, remote.cavage("alice", node.clock)).status());
    JsonObject create = activity("Create", "alice", note("alice", noteId));
    assertEquals(202, node.post("/inbox", create, remote.cavage("alice", node.clock)).status());
    assertEquals(List.of("Delete"), received.stream().map(InboundActivity::type).toList());
  }

  @Test
  void updateOfAnotherOriginsObjectIsRefused() {
    try (FakeRemote other = new FakeRemote(vertx)) {
      JsonObject update = activity("Update", "alice", note("alice", other.base + "/notes/1"));
      InboxFixture.Response r = node.post("/inbox", update, remote.cavage("alice", node.clock));
      assertEquals(403, r.status());
      assertNothingStored();
    }
  }

  @Test
  void embeddedObjectOfAThirdOriginIsRefetchedFromItsOrigin() {
    try (FakeRemote other = new FakeRemote(vertx)) {
      String noteId = other.base + "/notes/9";
      other.put("/notes/9", new JsonObject().put("id", noteId).put("type", "Note").put("content", "the real one"));
      JsonObject announce = activity("Announce", "alice",
          new JsonObject().put("id", noteId).put("type", "Note").put("content", "a forged copy"));
      assertEquals(202, node.post("/inbox", announce, remote.cavage("alice", node.clock)).status());
      assertEquals(1, other.hits("/notes/9"));
      assertEquals("the real one", received.get(0).objectAsJson().getString("content"));
    }
  }

  @Test
  void blockedDomainIs403AndNothingStored() {
    node.policy[0] = new InboxPolicy() {
      @Override
      public boolean blocksDomain(String host) {
        return host.equals("127.0.0.1");
      }
    };
    InboxFixture.Response r = node.post("/inbox", activity("Like", "alice", "https://x.example/1"),
        remote.cavage("alice", node.clock));
    assertEquals(403, r.status());
    assertNothingStored();
  }

  @Test
  void keyRotationRefetchesTheKey() {
    JsonObject first = activity("Create", "alice", note("alice", remote.actorId("alice") + "/notes/1"));
    assertEquals(202, node.post("/inbox", first, remote.cavage("alice", node.clock)).status());
    int fetches = remote.hits("/users/alice");
    KeyPair rotated = ActorKeys.generate();
    remote.actor("alice", rotated);
    node.clock.advance(Duration.ofMinutes(5));
    JsonObject second = activity("Create", "alice", note("alice", remote.actorId("alice") + "/notes/2"));
    InboxFixture.Response r = node.post("/inbox", second, remote.cavage("alice", node.clock));
    assertEquals(202, r.status(), String.valueOf(r.body()));
    assertEquals(fetches + 1, remote.hits("/users/alice"));
    assertEquals(2, received.size());
  }

  @Test
  void undoFollowRemovesTheFollower() {
    JsonObject follow = activity("Follow", "alice", node.uris.actor("grenoble").toString());
    assertEquals(202, node.post("/inbox", follow, remote.cavage("alice", node.clock)).status());
    assertEquals(1, node.follows.count("grenoble"));
    JsonObject undo = activity("Undo", "alice", follow.copy().put("@context", (String) null));
    assertEquals(202, node.post("/inbox", undo, remote.cavage("alice", node.clock)).status());
    assertEquals(0, node.follows.count("grenoble"));
    assertTrue(node.follows.findFollower("grenoble", remote.actorId("alice")).isEmpty());
  }

  @Test
  void acceptOfOurFollowFromTheFollowedActorOnly() {
    String ourFollow = node.uris.activity("f1").toString();
    node.follows.write(b -> node.follows.putFollowing(b, new org.coordo.federation.Following(
        "grenoble", remote.actorId("alice"), FollowState.PENDING, ourFollow, node.clock.instant())),
        org.coordo.storage.Durability.SYNC);
    // Bob cannot accept a follow of alice.
    assertEquals(202, node.post("/inbox", activity("Accept", "bob", ourFollow), remote.cavage("bob", node.clock)).status());
    assertEquals(FollowState.PENDING, node.follows.findFollowing("grenoble", remote.actorId("alice")).orElseThrow().state());
    JsonObject accept = activity("Accept", "alice", new JsonObject().put("id", ourFollow).put("type", "Follow")
        .put("actor", node.uris.actor("grenoble").toString()).put("object", remote.actorId("alice").toString()));
    assertEquals(202, node.post("/inbox", accept, remote.cavage("alice", node.clock)).status());
    assertEquals(FollowState.ACCEPTED, node.follows.findFollowing("grenoble", remote.actorId("alice")).orElseThrow().state());
  }

  @Test
  void createToTheSendersFollowersReachesLocalActorsFollowingIt() {
    node.follows.write(b -> node.follows.putFollowing(b, new org.coordo.federation.Following(
        "grenoble", remote.actorId("alice"), FollowState.ACCEPTED, node.uris.activity("f2").toString(),
        node.clock.instant())), org.coordo.storage.Durability.SYNC);
    JsonObject create = activity("Create", "alice", note("alice", remote.actorId("alice") + "/notes/3"));
    assertEquals(202, node.post("/inbox", create, remote.cavage("alice", node.clock)).status());
    assertEquals(java.util.Set.of("grenoble"), received.get(0).recipients());
  }

  @Test
  void pendingEntryIsReplayedOnceAfterACrash() {
    JsonObject create = activity("Create", "alice", note("alice", remote.actorId("alice") + "/notes/4"));
    InboxEntry pending = new InboxEntry("01crash", InboxEntry.State.PENDING, create, "Create", remote.actorId("alice"),
        null, node.clock.instant(), 0, null);
    try (var batch = node.store.newBatch()) {
      node.seen.markSeen(batch, create.getString("id"), pending.id(), node.clock.instant());
      node.log.put(batch, pending);
      node.store.write(batch, org.coordo.storage.Durability.SYNC);
    }
    List<InboundActivity> replayed = new CopyOnWriteArrayList<>();
    InboxListeners fresh = new InboxListeners().on("Create", a -> {
      replayed.add(a);
      return Future.succeededFuture();
    });
    InboxProcessor restarted = node.newProcessor(fresh);
    assertEquals(1, Await.result(restarted.replayPending()));
    assertEquals(1, replayed.size());
    assertEquals(InboxEntry.State.PROCESSED, node.log.find("01crash").orElseThrow().state());
    assertEquals(0, Await.result(node.newProcessor(fresh).replayPending()));
    assertEquals(1, replayed.size());
    // The delivery the crash interrupted arrives again: already seen, no second effect.
    assertEquals(202, node.post("/inbox", create, remote.cavage("alice", node.clock)).status());
    assertEquals(1, replayed.size());
    assertNotNull(received);
    assertTrue(received.isEmpty());
  }

  @Test
  void worksBehindABodyHandlerThatAlreadyReadTheBody() {
    JsonObject follow = activity("Follow", "alice", node.uris.actor("grenoble").toString());
    assertEquals(202, node.post("/behind-body-handler/inbox", follow, remote.cavage("alice", node.clock)).status());
    assertEquals(1, node.follows.count("grenoble"));
    JsonObject big = activity("Create", "alice", note("alice", remote.base + "/notes/1").put("content", "x".repeat(70_000)));
    assertEquals(413, node.post("/behind-body-handler/inbox", big, remote.cavage("alice", node.clock)).status());
    assertEquals(400, node.post("/behind-body-handler/inbox", new byte[0], "application/activity+json",
        remote.cavage("alice", node.clock), Map.of()).status());
  }
}
