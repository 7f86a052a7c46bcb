package org.coordo.federation.outbox;

import org.coordo.federation.TimeSortableIds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.coordo.federation.FederationException;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.Uris;
import org.coordo.federation.ActorType;
import org.coordo.federation.actor.LocalActorRepository;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.delivery.DeliveryJob;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.federation.vocab.As;
import org.coordo.storage.Durability;
import org.coordo.storage.Job;
import org.coordo.storage.Keys;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.queue.JobIds;
import org.coordo.storage.queue.KvDurableQueue;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
  static final URI NODE = URI.create("http://127.0.0.1:8081");

  @TempDir Path dir;
  Vertx vertx;
  WorkerExecutor worker;
  RocksKvStore store;
  MutableClock clock = MutableClock.fixed();
  Uris uris = new Uris(NODE);
  KvDurableQueue queue;
  ActivityRepository activities;
  OutboxRepository outbox;
  FollowRepository follows;
  Map<URI, RecipientResolver.Inboxes> remote = new HashMap<>();
  AtomicInteger wakeUps = new AtomicInteger();
  Publisher publisher;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    worker = vertx.createSharedWorkerExecutor("publisher-test");
    store = RocksKvStore.open(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)));
    queue = new KvDurableQueue(store, FederationKeyspaces.DELIVERY, FederationKeyspaces.DELIVERY_IDS,
        new JobIds(clock, new Random()));
    activities = new ActivityRepository(store);
    outbox = new OutboxRepository(store);
    follows = new FollowRepository(store);
    LocalActors actors = new LocalActors(new LocalActorRepository(store), worker, clock);
    Await.result(actors.create("grenoble", ActorType.Group, "Grenoble", null, false));
    RecipientResolver resolver = id -> remote.containsKey(id)
        ? Future.succeededFuture(remote.get(id))
        : Future.failedFuture(new FederationException(404, "unknown actor"));
    publisher = new Publisher(store, worker, uris, clock, new TimeSortableIds(clock), actors, activities, outbox,
        follows, queue, resolver);
    publisher.onEnqueued(wakeUps::incrementAndGet);
  }

  @AfterEach
  void tearDown() {
    store.close();
    worker.close();
    Await.result(vertx.close());
  }

  private void follower(String actor, String inbox, String sharedInbox, FollowState state) {
    follows.write(b -> follows.putFollower(b, new Follower("grenoble", URI.create(actor), state,
        actor + "#follow", clock.instant(), URI.create(inbox), sharedInbox == null ? null : URI.create(sharedInbox))),
        Durability.SYNC);
  }

  private Set<URI> queuedInboxes() {
    return jobs().stream().map(j -> DeliveryJob.decode(j.payload()).inbox()).collect(Collectors.toSet());
  }

  private List<Job> jobs() {
    return TestStores.dump(store.keyspace(FederationKeyspaces.DELIVERY_IDS)).stream()
        .map(e -> queue.find(new String(e.key())).orElseThrow())
        .toList();
  }

  private static JsonObject publicNote(String followers) {
    return new JsonObject()
        .put("type", "Create")
        .put("to", new JsonArray().add(As.PUBLIC))
        .put("cc", new JsonArray().add(followers))
        .put("object", new JsonObject().put("type", "Note").put("content", "AG jeudi"));
  }

  @Test
  void publicActivityGoesToAcceptedFollowersSharedInboxesOnce() {
    follower("https://masto.example/users/a", "https://masto.example/users/a/inbox", "https://masto.example/inbox",
        FollowState.ACCEPTED);
    follower("https://masto.example/users/b", "https://masto.example/users/b/inbox", "https://masto.example/inbox",
        FollowState.ACCEPTED);
    follower("https://gts.example/users/c", "https://gts.example/users/c/inbox", null, FollowState.ACCEPTED);
    follower("https://masto.example/users/pending", "https://other.example/inbox", null, FollowState.PENDING);

    URI id = Await.result(publisher.publish("grenoble", publicNote(uris.followers("grenoble").toString())));

    assertTrue(uris.isLocal(id) && id.getPath().startsWith("/activities/"));
    assertEquals(Set.of(URI.create("https://masto.example/inbox"), URI.create("https://gts.example/users/c/inbox")),
        queuedInboxes());
    JsonObject stored = activities.find(id).orElseThrow();
    assertEquals(uris.actor("grenoble").toString(), stored.getString("actor"));
    assertEquals(clock.instant().toString(), stored.getString("published"));
    assertNotNull(stored.getValue("@context"));
    assertEquals(List.of(id), outbox.page("grenoble", null, 10).items());
    assertEquals(1, outbox.count("grenoble"));
    assertEquals(1, wakeUps.get());
  }

  @Test
  void aFanOutIsClaimedOneHostAfterTheOtherSoThatEachClaimSpansManyHosts() {
    // followers are listed by actor address, so grouped by host: three hosts, four own inboxes each
    for (String host : List.of("a.example", "b.example", "c.example")) {
      for (int i = 0; i < 4; i++) {
        String actor = "https://" + host + "/users/u" + i;
        follower(actor, actor + "/inbox", null, FollowState.ACCEPTED);
      }
    }
    Await.result(publisher.publish("grenoble", publicNote(uris.followers("grenoble").toString())));

    List<String> claimedHosts = queue.claim(clock.instant(), 12, java.time.Duration.ofMinutes(1)).stream()
        .map(j -> DeliveryJob.decode(j.payload()).host()).toList();
    assertEquals(12, claimedHosts.size());
    for (int from = 0; from < 12; from += 3) {
      assertEquals(3, Set.copyOf(claimedHosts.subList(from, from + 3)).size(),
          "every three jobs claimed in a row go to three hosts: " + claimedHosts);
    }
  }

  @Test
  void explicitRemoteRecipientsAreResolvedLocalOnesSkippedBlindFieldsStripped() {
    remote.put(URI.create("https://masto.example/users/x"),
        new RecipientResolver.Inboxes(URI.create("https://masto.example/users/x/inbox"),
            URI.create("https://masto.example/inbox")));
    remote.put(URI.create("https://gts.example/users/y"),
        new RecipientResolver.Inboxes(URI.create("https://gts.example/users/y/inbox"), null));
    JsonObject direct = new JsonObject()
        .put("type", "Create")
        .put("to", "https://masto.example/users/x")
        .put("bcc", new JsonArray().add("https://gts.example/users/y").add(uris.actor("lyon").toString()))
        .put("bto", "https://unknown.example/users/z")
        .put("object", new JsonObject().put("type", "Note").put("content", "privé"));

    URI id = Await.result(publisher.publish("grenoble", direct));

    assertEquals(Set.of(URI.create("https://masto.example/users/x/inbox"), URI.create("https://gts.example/users/y/inbox")),
        queuedInboxes(), "personal inboxes for a non-public activity; local and unresolvable recipients skipped");
    JsonObject stored = activities.find(id).orElseThrow();
    assertFalse(stored.containsKey("bcc"));
    assertFalse(stored.containsKey("bto"));
    assertEquals(0, outbox.count("grenoble"), "not public: not in the outbox");
  }

  @Test
  void callerRecordsAreWrittenInTheSameBatch() {
    follower("https://masto.example/users/a", "https://masto.example/users/a/inbox", null, FollowState.ACCEPTED);
    URI id = Await.result(publisher.publish("grenoble", publicNote(uris.followers("grenoble").toString()),
        batch -> batch.put(store.keyspace(FederationKeyspaces.INBOX_LOG), Keys.utf8("server-object"), Keys.utf8("x"))));
    assertTrue(store.keyspace(FederationKeyspaces.INBOX_LOG).find(Keys.utf8("server-object")).isPresent());
    assertTrue(activities.find(id).isPresent());
    assertEquals(1, jobs().size());
  }

  @Test
  void severalActivitiesOfOneChangeAreWrittenTogetherOrNotAtAll() {
    follower("https://masto.example/users/a", "https://masto.example/users/a/inbox", "https://masto.example/inbox",
        FollowState.ACCEPTED);
    String followers = uris.followers("grenoble").toString();
    JsonObject create = publicNote(followers).put("id", uris.activity("create-1").toString());
    JsonObject announce = new JsonObject().put("type", "Announce").put("object", create.getString("id"))
        .put("to", new JsonArray().add(As.PUBLIC)).put("cc", new JsonArray().add(followers));

    List<URI> ids = Await.result(publisher.publishAll("grenoble", List.of(create, announce), batch -> {}));
    assertEquals(2, ids.size());
    assertEquals(uris.activity("create-1"), ids.get(0));
    assertTrue(activities.find(ids.get(1)).isPresent());
    assertEquals(1, jobs().size(), "one job for the shared inbox, carrying both activities");
    assertEquals(ids, DeliveryJob.decode(jobs().get(0).payload()).activities().stream()
        .map(DeliveryJob.Part::activityId).toList());
    assertEquals(2, outbox.count("grenoble"));
    assertEquals(1, wakeUps.get(), "one wake-up for the whole change");

    JsonObject create2 = publicNote(followers).put("id", uris.activity("create-2").toString());
    Throwable failure = Await.failure(publisher.publishAll("grenoble", List.of(create2, announce.copy()
        .put("id", uris.activity("announce-2").toString())), batch -> {
          throw new IllegalStateException("server validation failed");
        }));
    assertTrue(failure.getMessage().contains("server validation failed"));
    assertTrue(activities.find(uris.activity("create-2")).isEmpty());
    assertTrue(activities.find(uris.activity("announce-2")).isEmpty());
    assertEquals(1, jobs().size(), "nothing of the failed change was written");
  }

  @Test
  void eachActivityOfAChangeGoesToItsOwnRecipientsOnly() {
    follower("https://masto.example/users/a", "https://masto.example/users/a/inbox", "https://masto.example/inbox",
        FollowState.ACCEPTED);
    follower("https://masto.example/users/b", "https://masto.example/users/b/inbox", "https://masto.example/inbox",
        FollowState.ACCEPTED);
    follower("https://gts.example/users/c", "https://gts.example/users/c/inbox", null, FollowState.ACCEPTED);
    remote.put(URI.create("https://solo.example/users/x"),
        new RecipientResolver.Inboxes(URI.create("https://solo.example/users/x/inbox"), null));
    String followers = uris.followers("grenoble").toString();
    JsonObject create = publicNote(followers);
    JsonObject direct = new JsonObject().put("type", "Create").put("to", "https://solo.example/users/x")
        .put("object", new JsonObject().put("type", "Note").put("content", "privé"));
    JsonObject announce = new JsonObject().put("type", "Announce").put("object", "https://x.example/notes/1")
        .put("to", new JsonArray().add(As.PUBLIC)).put("cc", new JsonArray().add(followers));

    List<URI> ids = Await.result(publisher.publishAll("grenoble", List.of(create, direct, announce), batch -> {}));

    Map<URI, Set<URI>> byActivity = new java.util.HashMap<>();
    jobs().stream().map(j -> DeliveryJob.decode(j.payload())).forEach(job -> job.activities()
        .forEach(p -> byActivity.computeIfAbsent(p.activityId(), k -> new java.util.HashSet<>()).add(job.inbox())));
    Set<URI> followerInboxes = Set.of(URI.create("https://masto.example/inbox"),
        URI.create("https://gts.example/users/c/inbox"));
    assertEquals(Map.of(ids.get(0), followerInboxes, ids.get(1), Set.of(URI.create("https://solo.example/users/x/inbox")),
        ids.get(2), followerInboxes), byActivity, "followers once per activity addressed to them, nobody else's");
    assertEquals(3, jobs().size(), "one job per inbox for the whole change");
  }

  @Test
  void aFailingCallerWriteLeavesNothing() {
    follower("https://masto.example/users/a", "https://masto.example/users/a/inbox", null, FollowState.ACCEPTED);
    Throwable failure = Await.failure(publisher.publish("grenoble", publicNote(uris.followers("grenoble").toString()),
        batch -> {
          batch.put(store.keyspace(FederationKeyspaces.INBOX_LOG), Keys.utf8("server-object"), Keys.utf8("x"));
          throw new IllegalStateException("server validation failed");
        }));
    assertTrue(failure.getMessage().contains("server validation failed"));
    assertTrue(TestStores.dump(store.keyspace(FederationKeyspaces.ACTIVITIES)).isEmpty());
    assertTrue(TestStores.dump(store.keyspace(FederationKeyspaces.INBOX_LOG)).isEmpty());
    assertTrue(jobs().isEmpty());
    assertEquals(0, outbox.count("grenoble"));
  }

  @Test
  void keepsAGivenLocalIdAndPublishedRefusesForeignIdsAndUnknownActors() {
    JsonObject activity = publicNote(uris.followers("grenoble").toString())
        .put("id", uris.activity("given").toString())
        .put("published", "2025-03-01T12:00:00Z");
    URI id = Await.result(publisher.publish("grenoble", activity));
    assertEquals(uris.activity("given"), id);
    assertEquals("2025-03-01T12:00:00Z", activities.find(id).orElseThrow().getString("published"));
    assertEquals(0, wakeUps.get(), "no follower, no job, no wake-up");

    Throwable foreign = Await.failure(publisher.publish("grenoble",
        publicNote("x").put("id", "https://evil.example/activities/1")));
    assertEquals(400, ((FederationException) foreign).status());
    Throwable unknown = Await.failure(publisher.publish("nobody", publicNote("x")));
    assertEquals(404, ((FederationException) unknown).status());
  }

  @Test
  void outboxPagesNewestFirst() {
    for (int i = 0; i < 5; i++) {
      Await.result(publisher.publish("grenoble", publicNote("x").put("id", uris.activity("a" + i).toString())
          .put("published", Instant.parse("2026-01-0" + (i + 1) + "T00:00:00Z").toString())));
    }
    var first = outbox.page("grenoble", null, 2);
    assertEquals(List.of(uris.activity("a4"), uris.activity("a3")), first.items());
    var second = outbox.page("grenoble", first.next().orElseThrow(), 2);
    assertEquals(List.of(uris.activity("a2"), uris.activity("a1")), second.items());
    var third = outbox.page("grenoble", second.next().orElseThrow(), 2);
    assertEquals(List.of(uris.activity("a0")), third.items());
    assertEquals(5, outbox.count("grenoble"));
    assertEquals(0, outbox.count("grenobl"));
  }
}
