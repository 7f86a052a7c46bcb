package org.coordo.bench.harness;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.coordo.bench.Fixtures;
import org.coordo.federation.inbox.InboxSeen;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.StorageSchema;
import org.coordo.storage.KvStore;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * Inbox ingest: a whole node receives distinct signed {@code Create{Note}} activities on its shared inbox from
 * many remote actors (a fake remote server on loopback serves their documents and keys).
 *
 * <p>The node is {@code coordo.jar run} in a child JVM with the launcher's flags ({@link ChildNode}), so that
 * its resident memory and CPU time under load are its own; the load generator and the fake remote run in
 * this JVM, on the same cores.
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

  record Settings(int durationSeconds, int warmupSeconds, int requests, int concurrency, int actors, int keys,
      Path jar, String javaOpts) {}

  private final Settings s;
  private final String name;
  private final Map<String, String> backendEnv;
  private final java.util.function.Function<Path, KvStore> reopen;

  InboxIngest(Settings settings) {
    this(settings, NAME, Map.of(), dataDir -> RocksKvStore.open(new DataDir(dataDir).db(), StorageSchema.options()));
  }

  /**
   * On another store ([pg-ops], issue 18): {@code backendEnv} added to the node's environment, {@code reopen}
   * opens the node's store once it stopped (given its data dir), for the check.
   */
  InboxIngest(Settings settings, String name, Map<String, String> backendEnv,
      java.util.function.Function<Path, KvStore> reopen) {
    this.s = settings;
    this.name = name;
    this.backendEnv = Map.copyOf(backendEnv);
    this.reopen = reopen;
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
    Path dataDir = Files.createTempDirectory("coordo-inbox-bench");
    try (FakeRemote remote = new FakeRemote(remoteVertx, keys, s.actors());
        ChildNode node = ChildNode.start(s.jar(), s.javaOpts(), dataDir, nodeEnv())) {
      Await.result(remote.start());
      log("node pid %d on %s healthy in %.1f s (data in %s)", node.pid(), node.base(), node.healthyMillis() / 1e3,
          dataDir);

      t = System.nanoTime();
      List<LoadDriver.Prepared> prepared = sign(remote, node.base());
      log("signed %d requests in %.1f s", prepared.size(), seconds(t));

      HttpClient client = remoteVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
          new PoolOptions().setHttp1MaxSize(s.concurrency()));
      LoadDriver driver = new LoadDriver(client, URI.create(node.base()).getPort(), "/inbox");
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

      // The node is a fresh JVM: load it until the JIT has compiled the hot paths (steady state).
      LoadDriver.Outcome jit = driver.run(prepared, warm, prepared.size(), s.concurrency(),
          System.nanoTime() + s.warmupSeconds() * 1_000_000_000L);
      log("JIT warm-up: %d sent, %d accepted in %.1f s (%.0f/s)", jit.sent, jit.accepted.get(), jit.elapsedNanos / 1e9,
          jit.accepted.get() / (jit.elapsedNanos / 1e9));
      warm += jit.sent;
      if (warm >= prepared.size()) {
        throw new IllegalStateException("every signed request went into the warm-up; raise --requests");
      }
      long rssBefore = node.statusKb("VmRSS");
      long cpuBefore = node.cpuMillis();
      long selfBefore = Proc.cpuMillis("self");
      AtomicLong rssMax = new AtomicLong(rssBefore);
      long sampler = remoteVertx.setPeriodic(500, id -> rssMax.accumulateAndGet(node.statusKb("VmRSS"), Math::max));
      LoadDriver.Outcome timed = driver.run(prepared, warm, prepared.size(), s.concurrency(),
          System.nanoTime() + s.durationSeconds() * 1_000_000_000L);
      remoteVertx.cancelTimer(sampler);
      long cpuMillis = node.cpuMillis() - cpuBefore;
      long selfMillis = Proc.cpuMillis("self") - selfBefore;
      long rssAfter = node.statusKb("VmRSS");
      long hwm = node.statusKb("VmHWM");
      double secs = timed.elapsedNanos / 1e9;
      log("timed: %d sent, %d accepted, %d errors, statuses %s in %.1f s", timed.sent, timed.accepted.get(),
          timed.errors.get(), timed.statuses, secs);
      client.close();

      t = System.nanoTime();
      boolean clean = node.stop();
      long expected = warmUp.accepted.get() + jit.accepted.get() + timed.accepted.get();
      long lost = 0;
      try (KvStore store = reopen.apply(dataDir)) {
        InboxSeen seen = new InboxSeen(store);
        for (LoadDriver.Outcome o : List.of(warmUp, jit, timed)) {
          for (String id : o.acceptedIds) {
            if (!seen.seen(id)) {
              lost++;
            }
          }
        }
      }
      log("node stopped (%s) and store checked in %.1f s", clean ? "clean exit" : "killed", seconds(t));

      double rate = timed.accepted.get() / secs;
      rows.add(Row.info(name, "requests timed (sent / accepted 202 / other status / errors)",
          timed.sent + " / " + timed.accepted.get() + " / " + (timed.sent - timed.accepted.get() - timed.errors.get())
              + " / " + timed.errors.get()));
      rows.add(Row.info(name, "setup", s.actors() + " actors, " + s.keys() + " keys, " + s.concurrency()
          + " in flight, " + s.warmupSeconds() + " s warm-up, " + String.format("%.1f s", secs) + (timed.sent < prepared.size() - warm
              ? " (duration bound)" : " (request bound)")));
      rows.add(Row.atLeast(name, "accepted activities/s", rate, 5000, "%.0f"));
      rows.add(Row.info(name, "latency p50 (ms)", String.format("%.1f",
          timed.latencyMicros.getValueAtPercentile(50) / 1000.0)));
      rows.add(Row.atMost(name, "latency p99 (ms)", timed.latencyMicros.getValueAtPercentile(99) / 1000.0, 50,
          "%.1f"));
      rows.add(Row.info(name, "latency max (ms)", String.format("%.1f", timed.latencyMicros.getMaxValue() / 1000.0)));
      rows.add(Row.atMost(name, "202 not found in store after restart", lost, 0, "%.0f"));
      rows.add(Row.info(name, "202 checked in store (warm-ups + timed)", String.valueOf(expected)));
      rows.add(Row.info(name, "node CPU per accepted activity (ms; 2 cores = 2,000 ms/s)",
          String.format("%.3f (%.1f cores busy)", cpuMillis / (double) Math.max(1, timed.accepted.get()),
              cpuMillis / 1000.0 / secs)));
      rows.add(Row.info(name, "load generator + fake remote CPU, this JVM (cores busy)",
          String.format("%.1f", selfMillis / 1000.0 / secs)));
      rows.add(Row.info(name, "node RSS before / max during / after load (MB)", String.format("%.1f / %.1f / %.1f",
          rssBefore / 1024.0, rssMax.get() / 1024.0, rssAfter / 1024.0)));
      rows.add(Row.info(name, "node peak RSS, VmHWM (MB)", String.format("%.1f", hwm / 1024.0)));
    } finally {
      Await.result(remoteVertx.close());
      Cleanup.deleteTree(dataDir);
    }
    return rows;
  }

  private Map<String, String> nodeEnv() {
    Map<String, String> env = new java.util.HashMap<>(backendEnv);
    env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
    return env;
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
