package org.coordo.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.inbox.InboxEntry;
import org.coordo.federation.inbox.InboxLog;
import org.coordo.federation.inbox.InboxSeen;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.federation.testkit.SinkServer;
import org.coordo.federation.vocab.As;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbox entries a crash left pending (accepted and persisted, not processed) are replayed when the node
 * starts again, with the server's listeners in place: a remote reply to a published call reaches the
 * collective's moderation queue, an event a followed collective announced reaches the agenda, and a
 * {@code Join} of one of our events is answered with a {@code Reject}. The entries end up processed.
 *
 * <p>The crash is staged deterministically. Node A (the node under test) stops; a sink on A's port plays
 * its inbox and records what node B, a second Coordo node, delivers meanwhile, checking the HTTP signatures
 * against the keys B's actors publish (it answers 503, so that B retries later). The test then writes each
 * delivery into A's stopped store as A's inbox persists an accepted activity before processing it
 * ({@code InboxHandler}: the seen id and a {@code PENDING} log entry in one fsynced batch), with the
 * federation's own {@link InboxLog}, {@link InboxSeen} and {@link InboxEntry}. A starts again on that store:
 * only the replay can apply the entries (B's retries, once A listens, are duplicates of seen ids).
 */
class InboxReplayIT {
  /** The deadline of every wait (a loaded machine starts nodes and delivers slowly). */
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dirA;
  @TempDir Path dirB;
  FederatedTestNode a;
  FederatedTestNode b;
  Vertx vertx;
  SinkServer sink;

  // ---- Node building: the only place that knows how a whole node is assembled ----

  /** A whole city node (every module, RocksDB under {@code dir}, HTTP on 127.0.0.1:{@code port}). */
  private static FederatedTestNode city(Path dir, int port) {
    return FederatedTestNode.city(dir, port);
  }

  /** Publishes an activity of a local actor of {@code node} (delivered by its durable queue). */
  private static String publishAs(FederatedTestNode node, String actor, JsonObject activity) {
    return Await.result(node.federation().context().publish(actor, activity)).toString();
  }

  /** Records the activities of {@code type} that {@code node} receives, from now on. */
  private static RecordingListener record(FederatedTestNode node, String type) {
    RecordingListener recorder = new RecordingListener();
    node.federation().internals().listeners().on(type, recorder);
    return recorder;
  }

  // ---- The test ----

  @AfterEach
  void tearDown() {
    if (sink != null) {
      sink.close();
    }
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void entriesLeftPendingByACrashAreReplayedWithTheServersListenersInPlace() throws Exception {
    int portA = FederatedTestNode.freePort();
    a = city(dirA, portA);
    b = city(dirB, FederatedTestNode.freePort());
    String alice = a.collectiveWithEditor("grenoble", "Grenoble", "alice");
    String bruno = b.collectiveWithEditor("lyon", "Lyon", "bruno");
    String call = a.json("POST", "/api/collectives/grenoble/calls", alice, new JsonObject()
        .put("title", "Appel à la grève").put("content", "Rejoignez-nous.").put("publish", true), 201).getString("url");
    String event = a.json("POST", "/api/collectives/grenoble/events", alice, event("AG de Grenoble"), 201)
        .getString("url");
    String grenoble = a.actor("grenoble").toString();
    RecordingListener rejects = record(b, "Reject");

    // Grenoble's collective follows Lyon's, as ./coordo follow does
    String token = ControlToken.read(new DataDir(dirA.resolve("data")).controlToken());
    HttpResponse<String> follow = TestNodes.post(portA, "/_control/follow",
        new JsonObject().put("as", "grenoble").put("target", b.handle("lyon")).encode(),
        "Authorization", "Bearer " + token);
    assertEquals(200, follow.statusCode(), follow.body());
    Await.until("grenoble follows lyon", () -> activityJson(a.base + "/actors/grenoble/following")
        .getLong("totalItems") == 1, WAIT);

    // A goes down; a sink on its port records what B delivers to it meanwhile
    a.close();
    a = null;
    vertx = Vertx.vertx();
    sink = SinkServer.start(vertx, Clock.systemUTC(), portA).respondWith(503);
    trustKeyOf(b.base + "/actors/lyon");
    trustKeyOf(b.base + "/actors/bruno");

    String lyonEvent = b.json("POST", "/api/collectives/lyon/events", bruno, event("Manif à Lyon"), 201)
        .getString("url");
    String replyId = b.base + "/notes/reponse-a-grenoble";
    JsonArray toGrenoble = new JsonArray().add(As.PUBLIC).add(grenoble);
    publishAs(b, "bruno", new JsonObject().put("type", "Create").put("to", toGrenoble).put("object", new JsonObject()
        .put("id", replyId).put("type", "Note").put("attributedTo", b.base + "/actors/bruno")
        .put("inReplyTo", call).put("content", "<p>Nous serons là.</p>").put("to", toGrenoble)));
    String joinId = publishAs(b, "bruno", new JsonObject().put("type", "Join").put("object", event)
        .put("to", new JsonArray().add(grenoble)));

    List<SinkServer.Received> deliveries = List.of(
        delivered("lyon's announce of its event", r -> "Announce".equals(As.typeOf(r.body()))
            && r.body().getValue("object") instanceof JsonObject create
            && lyonEvent.equals(As.idOf(create.getValue("object")))),
        delivered("bruno's reply", r -> "Create".equals(As.typeOf(r.body()))
            && replyId.equals(As.idOf(r.body().getValue("object")))),
        delivered("bruno's Join", r -> joinId.equals(r.activityId())));
    sink.close();
    sink = null;

    // ... and A's inbox had persisted them when it crashed, before processing them
    List<String> entries = persistAsTheInboxDoes(deliveries);

    a = city(dirA, portA);
    Map<String, BooleanSupplier> effects = new LinkedHashMap<>();
    effects.put("bruno's reply pending in grenoble's moderation queue", () -> a.json("GET",
            "/api/collectives/grenoble/moderation/replies", alice, null, 200).getJsonArray("items").stream()
        .anyMatch(o -> replyId.equals(((JsonObject) o).getString("id"))
            && "pending".equals(((JsonObject) o).getString("state"))));
    effects.put("lyon's event in A's agenda", () -> a.json("GET", "/api/agenda", null, null, 200)
        .getJsonArray("items").stream().anyMatch(o -> lyonEvent.equals(((JsonObject) o).getString("id"))));
    effects.put("grenoble's Reject of bruno's Join, received by B", () -> rejects.received().stream()
        .anyMatch(r -> r.actor().toString().equals(grenoble) && joinId.equals(r.objectId())));
    awaitAll(effects);

    a.close();
    a = null;
    try (RocksKvStore store = RocksKvStore.open(new DataDir(dirA.resolve("data")).db(), StorageSchema.options())) {
      InboxLog log = new InboxLog(store);
      for (String id : entries) {
        assertEquals(InboxEntry.State.PROCESSED, log.find(id).orElseThrow().state(), id);
      }
      assertTrue(log.unfinished(10).isEmpty(), "nothing left to replay");
    }
  }

  /** Waits until every effect is visible; at the deadline, fails naming those still missing. */
  private static void awaitAll(Map<String, BooleanSupplier> effects) {
    try {
      Await.until("the replayed entries' effects",
          () -> effects.values().stream().allMatch(BooleanSupplier::getAsBoolean), WAIT);
    } catch (AssertionError e) {
      List<String> missing = effects.entrySet().stream().filter(x -> !holds(x.getValue()))
          .map(Map.Entry::getKey).toList();
      throw new AssertionError("after the restart that replayed the pending inbox entries, still missing after "
          + WAIT.toSeconds() + " s: " + missing, e);
    }
  }

  private static boolean holds(BooleanSupplier effect) {
    try {
      return effect.getAsBoolean();
    } catch (RuntimeException | AssertionError e) {
      return false;
    }
  }

  private static JsonObject event(String title) {
    return new JsonObject().put("title", title).put("timezone", "Europe/Paris").put("startTime", "2030-03-16T14:00")
        .put("content", "Venez nombreux.").put("publish", true);
  }

  private static JsonObject activityJson(String url) {
    HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "application/activity+json").GET().build());
    assertEquals(200, r.statusCode(), url + ": " + r.body());
    return new JsonObject(r.body());
  }

  /** Lets the sink verify signatures by the key the actor publishes. */
  private void trustKeyOf(String actor) {
    JsonObject key = activityJson(actor).getJsonObject("publicKey");
    sink.trust(key.getString("id"), ActorKeys.publicKeyFromPem(key.getString("publicKeyPem")));
  }

  /** The first delivery to A's inbox that matches, its signature checked. */
  private SinkServer.Received delivered(String what, Predicate<SinkServer.Received> matches) {
    Supplier<SinkServer.Received> first = () -> sink.posts().stream()
        .filter(p -> p.body() != null && matches.test(p)).findFirst().orElse(null);
    Await.until(what + " delivered to A's inbox", () -> first.get() != null, WAIT);
    SinkServer.Received r = first.get();
    assertTrue(r.signatureValid(), what + ": signed by " + r.keyId() + ", verified");
    assertTrue(r.path().equals("/inbox") || r.path().startsWith("/actors/"), r.path());
    return r;
  }

  /**
   * Writes the deliveries into A's stopped store as its inbox persists an accepted activity (seen id and
   * pending entry, one fsynced batch); the activities are kept as received (their objects are their
   * senders' own, which the inbox keeps as they are). Returns the entry ids.
   */
  private List<String> persistAsTheInboxDoes(List<SinkServer.Received> deliveries) {
    List<String> ids = new ArrayList<>();
    Supplier<String> entryIds = new TimeSortableIds(Clock.systemUTC());
    try (RocksKvStore store = RocksKvStore.open(new DataDir(dirA.resolve("data")).db(), StorageSchema.options())) {
      InboxLog log = new InboxLog(store);
      InboxSeen seen = new InboxSeen(store);
      for (SinkServer.Received r : deliveries) {
        JsonObject activity = r.body();
        Instant now = Instant.now();
        String owner = r.path().equals("/inbox") ? null
            : r.path().substring("/actors/".length(), r.path().length() - "/inbox".length());
        InboxEntry entry = new InboxEntry(entryIds.get(), InboxEntry.State.PENDING, activity, As.typeOf(activity),
            URI.create(As.idOf(activity.getValue("actor"))), owner, now, 0, null);
        try (KvBatch batch = store.newBatch()) {
          seen.markSeen(batch, activity.getString("id"), entry.id(), now);
          log.put(batch, entry);
          store.write(batch, Durability.SYNC);
        }
        ids.add(entry.id());
      }
    }
    return ids;
  }
}
