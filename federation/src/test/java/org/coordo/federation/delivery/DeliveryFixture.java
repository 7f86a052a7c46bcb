package org.coordo.federation.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Random;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.Uris;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.actor.LocalActorRepository;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.host.HostProfiles;
import org.coordo.federation.host.SoftwareLookup;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.sig.SignatureKnock;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.storage.Durability;
import org.coordo.storage.Job;
import org.coordo.storage.KvBatch;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.queue.JobIds;
import org.coordo.storage.queue.KvDurableQueue;
import org.coordo.storage.rocks.RocksKvStore;

/** A store, a local actor and a delivery worker wired as the node wires them, for delivery tests. */
final class DeliveryFixture implements AutoCloseable {
  static final URI NODE = URI.create("http://127.0.0.1:9");

  final Vertx vertx;
  final Path dir;
  final MutableClock clock;
  final Uris uris = new Uris(NODE);
  final WorkerExecutor worker;
  RocksKvStore store;
  KvDurableQueue queue;
  ActivityRepository activities;
  LocalActors actors;
  HostHealth hosts;
  DeliverySender sender;
  DeliveryWorker deliveryWorker;
  LocalActor actor;
  HostProfiles profiles;
  /** How the worker reads NodeInfo documents (by default: it cannot, every host is of unknown software). */
  java.util.function.Function<URI, io.vertx.core.Future<JsonObject>> nodeInfo =
      url -> io.vertx.core.Future.failedFuture("no NodeInfo in this fixture");
  private int counter;

  DeliveryFixture(Vertx vertx, Path dir, MutableClock clock) {
    this.vertx = vertx;
    this.dir = dir;
    this.clock = clock;
    this.worker = vertx.createSharedWorkerExecutor("coordo-federation-test");
    open();
    actor = Await.result(actors.create("grenoble", ActorType.Group, "Grenoble", null, false));
  }

  void open() {
    store = RocksKvStore.open(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)));
    queue = new KvDurableQueue(store, FederationKeyspaces.DELIVERY, FederationKeyspaces.DELIVERY_IDS,
        new JobIds(clock, new Random()));
    activities = new ActivityRepository(store);
    actors = new LocalActors(new LocalActorRepository(store), worker, clock);
  }

  /** Builds (not starts) the worker with this policy. */
  DeliveryWorker worker(DeliveryPolicy policy) {
    return worker(policy, InboxGuard.allowAll());
  }

  DeliveryWorker worker(DeliveryPolicy policy, InboxGuard guard) {
    return worker(policy, guard, new DeliverySender(vertx, worker, policy, clock));
  }

  /** With a sender of the test's own (e.g. one that watches signing). */
  DeliveryWorker worker(DeliveryPolicy policy, InboxGuard guard, DeliverySender sender) {
    hosts = new HostHealth(store, clock, policy.unavailableAfter());
    this.sender = sender;
    profiles = new HostProfiles(store, worker);
    profiles.load();
    SoftwareLookup software = new SoftwareLookup(profiles, nodeInfo, worker, clock);
    deliveryWorker = new DeliveryWorker(vertx, worker, queue, activities, actors, uris, hosts, sender,
        new SignatureKnock(profiles, clock), software, guard, policy, clock, new Random(7));
    return deliveryWorker;
  }

  DeliveryWorker start(DeliveryPolicy policy) {
    return start(policy, InboxGuard.allowAll());
  }

  DeliveryWorker start(DeliveryPolicy policy, InboxGuard guard) {
    DeliveryWorker w = worker(policy, guard);
    Await.result(w.start());
    return w;
  }

  static DeliveryPolicy policy() {
    return DeliveryPolicy.forTests("Coordo-test/0.1");
  }

  String keyId() {
    return uris.actorKey(actor.name()).toString();
  }

  PublicKey publicKey() {
    return ActorKeys.publicKeyFromPem(actor.publicKeyPem());
  }

  /** Stores a Create(Note) by the actor and one job per inbox, in one batch; returns the activity id. */
  URI enqueue(URI... inboxes) {
    URI id = uris.activity("test-" + (++counter));
    JsonObject activity = new JsonObject()
        .put("id", id.toString())
        .put("type", "Create")
        .put("actor", uris.actor(actor.name()).toString())
        .put("object", new JsonObject().put("type", "Note").put("content", "hello " + counter));
    try (KvBatch batch = store.newBatch()) {
      activities.put(batch, activity);
      for (URI inbox : inboxes) {
        queue.enqueue(batch, clock.instant(), new DeliveryJob(id, actor.name(), inbox).encode());
      }
      store.write(batch, Durability.SYNC);
    }
    return id;
  }

  /** Every queued job (waiting or leased), read from the store. */
  List<Job> jobs() {
    return org.coordo.storage.testkit.TestStores.dump(store.keyspace(FederationKeyspaces.DELIVERY_IDS)).stream()
        .map(e -> queue.find(new String(e.key(), java.nio.charset.StandardCharsets.US_ASCII)).orElseThrow())
        .toList();
  }

  @Override
  public void close() {
    if (deliveryWorker != null) {
      Await.result(deliveryWorker.stop());
    }
    if (sender != null) {
      sender.close();
    }
    if (store != null) {
      store.close();
    }
    worker.close();
  }
}
