package org.coordo.bench.harness;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.coordo.bench.Fixtures;
import org.coordo.federation.inbox.InboxSeen;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * Inbox ingest: a whole node receives distinct signed {@code Create{Note}} activities on its shared inbox from
 * many remote actors (a fake remote server on loopback serves their documents and keys).
 *
 * <ol>
 *   <li>generate {@code keys} RSA-2048 key pairs, shared round-robin by {@code actors} actors;
 *   <li>sign every request (draft-cavage, like Mastodon) before anything is timed;
 *   <li>warm-up, untimed: one activity per actor, so that the node fetches and caches every actor's key;
 *   <li>timed: the rest with {@code concurrency} requests in flight, until sent or {@code duration} elapsed;
 *   <li>stop the node, reopen its RocksDB, check that every activity answered 202 is in the seen ids.
 * </ol>
 */
final class InboxIngest {
  static final String NAME = "inbox ingest";

  record Settings(int durationSeconds, int requests, int concurrency, int actors, int keys) {}

  private final Settings s;

  InboxIngest(Settings settings) {
    this.s = settings;
  }

  List<Row> run() throws Exception {
    List<Row> rows = new ArrayList<>();
    long t = System.nanoTime();
    List<KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < s.keys(); i++) {
      keys.add(ActorKeys.generate());
    }
    log("generated %d RSA-2048 keys in %.1f s", s.keys(), seconds(t));
    Vertx remoteVertx = Vertx.vertx();
    try (LocalNode node = new LocalNode(); FakeRemote remote = new FakeRemote(remoteVertx, keys, s.actors())) {
      Await.result(remote.start());
      t = System.nanoTime();
      node.start();
      log("node started on %s in %.1f s (data in %s)", node.base, seconds(t), node.dir);

      t = System.nanoTime();
      List<LoadDriver.Prepared> prepared = sign(remote, node.base);
      log("signed %d requests in %.1f s", prepared.size(), seconds(t));

      HttpClient client = remoteVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(s.concurrency()));
      LoadDriver driver = new LoadDriver(client, node.port, "/inbox");
      int warm = Math.min(s.actors(), prepared.size());
      LoadDriver.Outcome warmUp = driver.run(prepared, 0, warm, Math.min(s.concurrency(), 16),
          System.nanoTime() + 120_000_000_000L);
      log("warm-up: %d sent, %d accepted, %d errors, statuses %s, %d actor fetches, %.1f s",
          warmUp.sent, warmUp.accepted.get(), warmUp.errors.get(), warmUp.statuses, remote.actorFetches(),
          warmUp.elapsedNanos / 1e9);
      if (warmUp.accepted.get() == 0) {
        throw new IllegalStateException("the node accepted nothing during warm-up; first error: " + warmUp.firstError
            + ", statuses " + warmUp.statuses);
      }

      LoadDriver.Outcome timed = driver.run(prepared, warm, prepared.size(), s.concurrency(),
          System.nanoTime() + s.durationSeconds() * 1_000_000_000L);
      double secs = timed.elapsedNanos / 1e9;
      log("timed: %d sent, %d accepted, %d errors, statuses %s in %.1f s", timed.sent, timed.accepted.get(),
          timed.errors.get(), timed.statuses, secs);
      client.close();

      t = System.nanoTime();
      node.stop();
      long expected = warmUp.accepted.get() + timed.accepted.get();
      long lost = 0;
      try (RocksKvStore store = node.reopenStore()) {
        InboxSeen seen = new InboxSeen(store);
        for (LoadDriver.Outcome o : List.of(warmUp, timed)) {
          for (String id : o.acceptedIds) {
            if (!seen.seen(id)) {
              lost++;
            }
          }
        }
      }
      log("node stopped and store checked in %.1f s", seconds(t));

      double rate = timed.accepted.get() / secs;
      rows.add(Row.info(NAME, "requests timed (sent / accepted 202 / other status / errors)",
          timed.sent + " / " + timed.accepted.get() + " / " + (timed.sent - timed.accepted.get() - timed.errors.get())
              + " / " + timed.errors.get()));
      rows.add(Row.info(NAME, "setup", s.actors() + " actors, " + s.keys() + " keys, " + s.concurrency()
          + " in flight, " + String.format("%.1f s", secs) + (timed.sent < prepared.size() - warm
              ? " (duration bound)" : " (request bound)")));
      rows.add(Row.atLeast(NAME, "accepted activities/s", rate, 5000, "%.0f"));
      rows.add(Row.info(NAME, "latency p50 (ms)", String.format("%.1f",
          timed.latencyMicros.getValueAtPercentile(50) / 1000.0)));
      rows.add(Row.atMost(NAME, "latency p99 (ms)", timed.latencyMicros.getValueAtPercentile(99) / 1000.0, 50,
          "%.1f"));
      rows.add(Row.info(NAME, "latency max (ms)", String.format("%.1f", timed.latencyMicros.getMaxValue() / 1000.0)));
      rows.add(Row.atMost(NAME, "202 not found in store after restart", lost, 0, "%.0f"));
      rows.add(Row.info(NAME, "202 checked in store (warm-up + timed)", String.valueOf(expected)));
    } finally {
      Await.result(remoteVertx.close());
    }
    return rows;
  }

  /** Signs every request up front, on all cores. */
  private List<LoadDriver.Prepared> sign(FakeRemote remote, String nodeBase) throws Exception {
    URI inbox = URI.create(nodeBase + "/inbox");
    Clock clock = Clock.systemUTC();
    CavageSigner[] signers = new CavageSigner[s.actors()];
    for (int i = 0; i < s.actors(); i++) {
      signers[i] = new CavageSigner(remote.keyId(i), remote.keyOf(i).getPrivate(), clock);
    }
    int n = s.requests();
    ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      List<Future<LoadDriver.Prepared>> futures = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        int j = k;
        futures.add(pool.submit(() -> {
          int actor = j % s.actors();
          String json = Fixtures.createNote(remote.origin(), "a" + actor, j);
          byte[] body = json.getBytes(StandardCharsets.UTF_8);
          Map<String, String> added = signers[actor].sign("POST", inbox, body);
          MultiMap headers = MultiMap.caseInsensitiveMultiMap()
              .add("Content-Type", "application/activity+json");
          added.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) { // the client writes the same Host itself
              headers.add(name, value);
            }
          });
          String activityId = remote.actorId(actor) + "/notes/" + j + "/activity";
          return new LoadDriver.Prepared(activityId, headers, Buffer.buffer(body));
        }));
      }
      List<LoadDriver.Prepared> out = new ArrayList<>(n);
      for (Future<LoadDriver.Prepared> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdown();
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  static void log(String format, Object... args) {
    System.out.printf("[%s] " + format + "%n", prepend(NAME, args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
