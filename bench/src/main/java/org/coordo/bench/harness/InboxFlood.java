package org.coordo.bench.harness;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;

/**
 * Inbox flood: many concurrent signed inbox bodies of about 1 MiB whose actors' keys are slow to fetch, against
 * a {@code coordo.jar run} child JVM with the launcher's flags (the security review's case: 16 such bodies made a
 * {@code -Xmx256m} node run out of heap and exit). Every request comes from its own actor, so every one waits for
 * its own key fetch while its body is held.
 *
 * <p>Shapes: {@code objects} (a {@code Create{Note}} whose {@code tag} is an array of many small objects {@code {"t":0}}:
 * about 16 MB of heap per MiB once parsed) and {@code text} (the same size as one long string: cheap to parse, so it waits for its key). Measured:
 * answers by status, whether the node survived, {@code /health} answers during the flood, the node's RSS (VmRSS
 * sampled, VmHWM) and its heap occupancy at collections ({@code -Xlog:gc}). Loopback only.
 */
final class InboxFlood {
  static final String NAME = "inbox flood";

  record Settings(int requests, int bytes, int keyDelaySeconds, String shape, Path jar, String javaOpts) {
    static Settings from(Map<String, String> opts, Path jar, String javaOpts) {
      String shape = opts.getOrDefault("flood-shape", "objects");
      if (!shape.equals("objects") && !shape.equals("text")) {
        throw new IllegalArgumentException("--flood-shape must be objects or text, got " + shape);
      }
      return new Settings(Harness.intOpt(opts, "flood-requests", 16), Harness.intOpt(opts, "flood-bytes", 1_040_000),
          Harness.intOpt(opts, "key-delay", 8), shape, jar, javaOpts);
    }
  }

  private final Settings s;

  InboxFlood(Settings settings) {
    this.s = settings;
  }

  List<Row> run() throws Exception {
    List<Row> rows = new ArrayList<>();
    KeyPair key = ActorKeys.generate();
    Vertx vertx = Vertx.vertx();
    Path dataDir = Files.createTempDirectory("coordo-flood-bench");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    try (FakeRemote remote = new FakeRemote(vertx, List.of(key), s.requests());
        ChildNode node = ChildNode.start(s.jar(), s.javaOpts(), dataDir,
            Map.of("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true"), true)) {
      Await.result(remote.start());
      remote.delayActors(s.keyDelaySeconds() * 1000L);
      log("node pid %d on %s; %d requests of %d bytes (%s), keys answered after %d s", node.pid(), node.base(),
          s.requests(), s.bytes(), s.shape(), s.keyDelaySeconds());
      URI inbox = URI.create(node.base() + "/inbox");
      List<HttpRequest> requests = new ArrayList<>();
      for (int i = 0; i < s.requests(); i++) {
        byte[] body = body(remote, i);
        HttpRequest.Builder b = HttpRequest.newBuilder(inbox).timeout(Duration.ofSeconds(s.keyDelaySeconds() + 60L))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/activity+json");
        new CavageSigner(remote.keyId(i), key.getPrivate(), Clock.systemUTC()).sign("POST", inbox, body)
            .forEach((name, value) -> {
              if (!name.equalsIgnoreCase("Host")) {
                b.header(name, value);
              }
            });
        requests.add(b.build());
      }
      long rssBefore = node.statusKb("VmRSS");
      AtomicLong rssMax = new AtomicLong(rssBefore);
      AtomicLong hwmSeen = new AtomicLong(node.statusKb("VmHWM"));
      AtomicInteger healthOk = new AtomicInteger();
      AtomicLong healthWorstMillis = new AtomicLong();
      long sampler = vertx.setPeriodic(200, id -> {
        if (node.alive()) {
          rssMax.accumulateAndGet(node.statusKb("VmRSS"), Math::max);
          hwmSeen.accumulateAndGet(node.statusKb("VmHWM"), Math::max);
        }
      });
      // its own client, as another server or a browser would be: no connection shared with the flood
      HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      Map<String, Integer> healthFailures = new ConcurrentHashMap<>();
      Thread prober = new Thread(() -> probeHealth(probe, node, healthOk, healthFailures, healthWorstMillis),
          "health-prober");
      prober.setDaemon(true);
      prober.start();

      long t0 = System.nanoTime();
      Map<String, Integer> statuses = new ConcurrentHashMap<>();
      List<CompletableFuture<Void>> answers = new ArrayList<>();
      for (HttpRequest request : requests) {
        answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
            .handle((r, err) -> {
              statuses.merge(err != null ? "error (" + rootMessage(err) + ")" : String.valueOf(r.statusCode()), 1,
                  Integer::sum);
              return null;
            }));
      }
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
      double secs = (System.nanoTime() - t0) / 1e9;
      prober.interrupt();
      prober.join(5000);
      vertx.cancelTimer(sampler);
      boolean alive = node.alive();
      long rssAfter = alive ? node.statusKb("VmRSS") : -1;
      long hwm = alive ? Math.max(hwmSeen.get(), node.statusKb("VmHWM")) : hwmSeen.get();
      double[] heap = node.heapPeaksMb();
      log("answers %s in %.1f s; node %s", new TreeMap<>(statuses), secs, alive ? "alive" : "DEAD");
      if (!alive) {
        log("node log tail:%n%s", node.logTail());
      }
      rows.add(Row.info(NAME, "setup", s.requests() + " x " + s.bytes() + " B (" + s.shape() + "), keys after "
          + s.keyDelaySeconds() + " s, node " + s.javaOpts().replaceAll("\\s+", " ")));
      rows.add(Row.info(NAME, "answers by status", new TreeMap<>(statuses) + String.format(" in %.1f s", secs)));
      rows.add(new Row(NAME, "node survived the flood", alive ? "yes" : "NO (exited)", "yes", alive ? "yes" : "NO"));
      int failed = healthFailures.values().stream().mapToInt(Integer::intValue).sum();
      rows.add(new Row(NAME, "/health during the flood (ok / failed, worst ms)", healthOk.get() + " / "
          + failed + (failed == 0 ? "" : " " + new TreeMap<>(healthFailures)) + ", " + healthWorstMillis.get(),
          "0 failed", failed == 0 ? "yes" : "NO"));
      rows.add(Row.info(NAME, "node RSS before / max sampled / after (MB)", String.format("%.1f / %.1f / %s",
          rssBefore / 1024.0, rssMax.get() / 1024.0, alive ? String.format("%.1f", rssAfter / 1024.0) : "-")));
      rows.add(Row.info(NAME, "node peak RSS, VmHWM (MB" + (alive ? ")" : ", last sampled before it exited)"),
          String.format("%.1f", hwm / 1024.0)));
      rows.add(Row.info(NAME, "heap at GC, max before / max after collection (MB)",
          String.format("%.0f / %.0f", heap[0], heap[1])));
    } finally {
      Await.result(vertx.close());
      Cleanup.deleteTree(dataDir);
    }
    return rows;
  }

  /** Activity {@code i}, signed by actor {@code a<i>}, padded to about {@code bytes}. */
  private byte[] body(FakeRemote remote, int i) {
    String actor = remote.actorId(i);
    JsonObject note = new JsonObject().put("id", actor + "/notes/flood-" + i).put("type", "Note")
        .put("attributedTo", actor).put("content", "flood")
        .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"));
    JsonObject create = new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
        .put("id", actor + "/activities/flood-" + i).put("type", "Create").put("actor", actor).put("object", note)
        .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"));
    int room = s.bytes() - create.encode().length() - 16;
    if (s.shape().equals("text")) {
      note.put("summary", "x".repeat(Math.max(0, room)));
    } else {
      JsonArray tags = new JsonArray();
      for (int n = 0; n < room / "{\"t\":0},".length(); n++) {
        tags.add(new JsonObject().put("t", 0));
      }
      note.put("tag", tags);
    }
    return create.encode().getBytes(StandardCharsets.UTF_8);
  }

  /** GET /health every 100 ms until interrupted. */
  private static void probeHealth(HttpClient http, ChildNode node, AtomicInteger ok, Map<String, Integer> failed,
      AtomicLong worstMillis) {
    HttpRequest health = HttpRequest.newBuilder(URI.create(node.base() + "/health")).timeout(Duration.ofSeconds(5))
        .GET().build();
    while (!Thread.currentThread().isInterrupted()) {
      long t = System.nanoTime();
      try {
        int status = http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          ok.incrementAndGet();
        } else {
          failed.merge(String.valueOf(status), 1, Integer::sum);
        }
        worstMillis.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        failed.merge(rootMessage(e), 1, Integer::sum);
      }
      try {
        Thread.sleep(100); // probe interval
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static String rootMessage(Throwable err) {
    Throwable t = err;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName();
  }

  static void log(String format, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = NAME;
    System.arraycopy(args, 0, all, 1, args.length);
    System.out.printf("[%s] " + format + "%n", all);
  }
}
