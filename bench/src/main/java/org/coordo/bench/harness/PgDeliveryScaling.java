package org.coordo.bench.harness;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Commands;
import org.coordo.storage.Durability;
import org.coordo.storage.pg.PgKvStore;
import org.coordo.storage.pg.PgOptions;

/**
 * Delivery throughput of one node on PostgreSQL run by 1, 2 and 4 processes ({@code coordo.jar run} child JVMs, one
 * database, the same public URL): {@code followers} seeded followers with their own inboxes on {@code hosts}
 * loopback servers that answer after {@code sinkDelay} ms, so that the number of deliveries in flight (128 per
 * process, 3 per server for the whole node), not only the CPU, bounds the rate. Each run publishes twice: the first
 * publication warms the JVMs and looks up every server's NodeInfo, the second is timed, from the API's answer to
 * the last delivery, and checked (every inbox got it exactly once).
 */
final class PgDeliveryScaling {
  static final String NAME = "pg delivery";

  record Settings(List<Integer> processes, int followers, int hosts, int sinkDelay, Path jar, String javaOpts) {
    static Settings from(Map<String, String> opts, Path jar, String javaOpts) {
      List<Integer> processes = new ArrayList<>();
      for (String p : opts.getOrDefault("pg-processes", "1,2,4").split(",")) {
        processes.add(Integer.parseInt(p.trim()));
      }
      return new Settings(processes, Harness.intOpt(opts, "pg-followers", 2000), Harness.intOpt(opts, "pg-hosts", 200),
          Harness.intOpt(opts, "pg-sink-delay", 50), jar, javaOpts);
    }
  }

  private final Settings s;

  PgDeliveryScaling(Settings settings) {
    this.s = settings;
  }

  List<Row> run() throws Exception {
    List<Row> rows = new ArrayList<>();
    rows.add(Row.info(NAME, "setup", String.format("%,d followers (own inboxes) on %d servers answering after %d ms;"
        + " child JVMs: java %s", s.followers(), s.hosts(), s.sinkDelay(), s.javaOpts())));
    Vertx vertx = Vertx.vertx();
    try (BenchPostgres pg = BenchPostgres.start()) {
      for (int n : s.processes()) {
        rows.add(runWith(vertx, pg, n));
      }
    } finally {
      Await.result(vertx.close());
    }
    return rows;
  }

  private Row runWith(Vertx vertx, BenchPostgres pg, int processes) throws Exception {
    String database = "coordo_delivery_" + processes;
    pg.createDatabase(database);
    Path dir = Files.createTempDirectory("coordo-pg-delivery");
    Map<String, String> env = new HashMap<>(pg.env(database));
    env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
    Files.writeString(dir.resolve("node.json"), "{}");
    String config = dir.resolve("node.json").toString();
    Sink sink = new Sink(vertx, 50, s.sinkDelay());
    List<ChildNode> nodes = new ArrayList<>();
    try (FanOutHosts hosts = new FanOutHosts(vertx, sink, s.hosts(), s.followers(), false, List.of()).start()) {
      ChildNode first = ChildNode.start(s.jar(), s.javaOpts(), Files.createDirectories(dir.resolve("p1")), env);
      nodes.add(first);
      // The command line reaches the database through the running process (its run file and control token).
      Map<String, String> cliEnv = new HashMap<>(env);
      cliEnv.put("COORDO_DATA_DIR", dir.resolve("p1").toString());
      cli(cliEnv, "admin", "create-collective", "grenoble", "--display-name", "Grenoble", "--config", config);
      cli(cliEnv, "admin", "create-user", "ed", "--role", "editor", "--collective", "grenoble", "--config", config);
      String token = cli(cliEnv, "admin", "create-token", "--user", "ed", "--label", "bench", "--config", config).strip();
      seed(pg, database, hosts.followers());
      Map<String, String> others = new HashMap<>(env);
      others.put("COORDO_PUBLIC_URL", first.base());
      for (int p = 2; p <= processes; p++) {
        nodes.add(ChildNode.start(s.jar(), s.javaOpts(), Files.createDirectories(dir.resolve("p" + p)), others));
      }
      publish(first, token, "Échauffement");
      awaitArrivals(sink, s.followers());
      sink.reset();
      long cpu0 = nodes.stream().mapToLong(ChildNode::cpuMillis).sum();
      double load0 = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      long t0 = System.nanoTime();
      publish(first, token, "Appel national");
      awaitArrivals(sink, s.followers());
      long last = sink.arrivals.stream().mapToLong(Sink.Arrival::nanos).max().orElse(t0);
      double seconds = (last - t0) / 1e9;
      long cpu = nodes.stream().mapToLong(ChildNode::cpuMillis).sum() - cpu0;
      Map<String, Integer> perInbox = new HashMap<>();
      sink.arrivals.forEach(a -> perInbox.merge(a.inbox(), 1, Integer::sum));
      long twice = perInbox.values().stream().filter(c -> c > 1).count();
      String value = String.format("%,.0f deliveries/s (%,d in %.2f s), %d inboxes twice, %d missing; node CPU %.2f ms"
              + " per delivery; load average %.1f", s.followers() / seconds, s.followers(), seconds, twice,
          s.followers() - perInbox.size(), cpu / (double) s.followers(), load0);
      long[] times = sink.arrivals.stream().mapToLong(Sink.Arrival::nanos).sorted().toArray();
      log("%d process(es): %s; arrivals after the publish request: first %.2f s, 10%% %.2f s, 50%% %.2f s, 90%% %.2f s,"
          + " last %.2f s", processes, value, (times[0] - t0) / 1e9, at(times, 0.1, t0), at(times, 0.5, t0),
          at(times, 0.9, t0), (times[times.length - 1] - t0) / 1e9);
      return Row.info(NAME, processes + " process(es), " + s.sinkDelay() + " ms sinks", value);
    } finally {
      for (ChildNode node : nodes) {
        node.close();
      }
      Cleanup.deleteTree(dir);
    }
  }

  /** Seconds from {@code t0} to the arrival at that fraction of the sorted arrival times. */
  private static double at(long[] sorted, double fraction, long t0) {
    return (sorted[Math.min(sorted.length - 1, (int) (fraction * sorted.length))] - t0) / 1e9;
  }

  /** Accepted followers written through federation's repository, as the inbox would after their Follows. */
  private static void seed(BenchPostgres pg, String database, List<FanOutHosts.Follower> followers) {
    Instant at = Instant.now();
    try (PgKvStore store = PgKvStore.open(PgOptions.of("127.0.0.1", pg.port(), database, "postgres", ""),
        StorageSchema.options())) {
      FollowRepository follows = new FollowRepository(store);
      for (int from = 0; from < followers.size(); from += 1000) {
        List<FanOutHosts.Follower> part = followers.subList(from, Math.min(followers.size(), from + 1000));
        int offset = from;
        follows.write(b -> {
          for (int k = 0; k < part.size(); k++) {
            FanOutHosts.Follower f = part.get(k);
            follows.putFollower(b, new Follower("grenoble", f.actorId(), FollowState.ACCEPTED,
                f.actorId() + "/follows/grenoble", at.plusMillis(offset + k), f.inbox(), f.sharedInbox()));
          }
        }, Durability.SYNC);
      }
    }
  }

  private static void publish(ChildNode node, String token, String title) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(node.base() + "/api/collectives/grenoble/calls"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("title", title)
            .put("content", "Mobilisation le 12.").put("publish", true).encode()))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("publish answered " + r.statusCode() + ": " + r.body());
    }
  }

  private static void awaitArrivals(Sink sink, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (sink.received.get() < expected || sink.arrivals.size() < sink.received.get()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + sink.received.get() + " of " + expected + " deliveries in 5 min");
      }
      Thread.sleep(20); // polling interval of a deadline-bound wait
    }
  }

  private static String cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = new Cli(Commands.standard(), env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    if (status != 0) {
      throw new IllegalStateException(String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void log(String format, Object... args) {
    System.out.printf("[pg delivery] " + format + "%n", args);
  }
}
