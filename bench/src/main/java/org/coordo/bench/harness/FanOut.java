package org.coordo.bench.harness;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coordo.federation.host.SoftwareFamily;
import org.coordo.federation.DeliveryStats;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.service.account.UserService;

/**
 * Fan-out: a collective with {@code followers} followers spread over {@code hosts} remote hosts (each a server on
 * its own 127.0.0.1 port, see {@link FanOutHosts}) publishes one event; the figure is the time from the publish
 * request until the last delivery reached a sink, which acknowledges at once with 202. Two cases:
 * <ul>
 *   <li>{@code shared}: every follower names its host's shared inbox: one delivery per host and activity;
 *   <li>{@code distinct}: no shared inbox: one delivery per follower and activity.
 * </ul>
 * Each case runs on a fresh node:
 * <ol>
 *   <li>the followers are seeded into the store before the node starts ({@code --follows seed}, through
 *       federation's follower repository) or send signed {@code Follow}s to the running node, which
 *       auto-accepts ({@code --follows signed}; the scenario waits for every {@code Accept});
 *   <li>the node's followers collection must count them all; an editor then publishes an event through the JSON
 *       API ({@code POST /api/collectives/bench/events}): a {@code Create} and the group's two {@code Announce}s;
 *   <li>the sinks record every delivery and verify one signature in {@code sample}; the case ends when every
 *       expected delivery arrived and nothing new came for {@link #QUIET_MILLIS} ms (or at {@code deadline});
 *       every expected inbox must have got each of the three activities exactly once.
 * </ol>
 * The node runs with production delivery timings and limits ({@code NodeOptions.standard()} without pages
 * and metrics: {@code DeliveryPolicy.defaults}).
 */
final class FanOut {
  static final String NAME = "fan-out";
  /**
   * A publication is a Create and the group's two Announces of it (FEP-1b12 wrapped, plain boost); a server of known
   * software gets the one it understands (a microblog the boost, a group-aware server the wrapped Create), one of
   * unknown software all three.
   */
  static final int ACTIVITIES_PER_PUBLICATION = 3;
  static final long QUIET_MILLIS = 2000;
  static final int WARMUP_ROUNDS = 4;
  static final String COLLECTIVE = "bench";
  static final String WARMUP = "warmup";

  /**
   * @param followers followers of the collective ({@code --followers}, 10,000)
   * @param hosts remote hosts they are spread over ({@code --hosts}, 1,000)
   * @param inboxes {@code shared}, {@code distinct} or {@code both} ({@code --inboxes}, both)
   * @param signedFollows followers send real signed Follows instead of being seeded ({@code --follows signed|seed},
   *     seed)
   * @param keys RSA key pairs shared by the followers for their Follows ({@code --keys}, 8; unused when seeded)
   * @param sampleEvery one delivery in this many has its signature verified ({@code --sample}, 10)
   * @param deadlineSeconds longest wait for the deliveries of one case ({@code --deadline}, 120)
   * @param warmup followers of a second collective, on hosts of their own (as many as followers, at most {@code
   *     hosts}; shared inboxes or not as in the case), whose publications go out, untimed, before the measured one
   *     ({@code --warmup}, 1,000; 0 for none): the JIT compiles the delivery path as on a node that has been
   *     running, while the measured hosts still see fresh connections
   * @param sinkDelayMillis the measured hosts answer each POST this long after its body arrived ({@code
   *     --sink-delay}, 0): a real server's round trip and processing, which makes the node's concurrency limits,
   *     rather than its CPU, the bound
   * @param software what the remote hosts' NodeInfo names ({@code --software}, mastodon: most followers' servers are
   *     microblogs); {@code none-known} (any name the node does not know) for the complete set of three activities
   */
  record Settings(int followers, int hosts, String inboxes, boolean signedFollows, int keys, int sampleEvery,
      int deadlineSeconds, int warmup, int sinkDelayMillis, String software) {

    /** Activities each inbox must get for one publication, given the hosts' software. */
    int activitiesPerInbox() {
      return SoftwareFamily.of(software) == SoftwareFamily.OTHER ? ACTIVITIES_PER_PUBLICATION : 1;
    }

    Settings {
      if (!List.of("shared", "distinct", "both").contains(inboxes)) {
        throw new IllegalArgumentException("--inboxes must be shared, distinct or both, got " + inboxes);
      }
      if (followers < hosts) {
        throw new IllegalArgumentException("--followers must be at least --hosts");
      }
    }

    /** The session-1 form (shared inboxes, seeded followers). */
    Settings(int followers, int hosts, int keys, int sampleEvery) {
      this(followers, hosts, "shared", false, keys, sampleEvery, 120, 1000, 0, "mastodon");
    }

    static Settings from(Map<String, String> opts) {
      String follows = opts.getOrDefault("follows", "seed");
      if (!follows.equals("seed") && !follows.equals("signed")) {
        throw new IllegalArgumentException("--follows must be seed or signed, got " + follows);
      }
      return new Settings(Harness.intOpt(opts, "followers", 10_000), Harness.intOpt(opts, "hosts", 1_000),
          opts.getOrDefault("inboxes", "both"), follows.equals("signed"), Harness.intOpt(opts, "keys", 8),
          Harness.intOpt(opts, "sample", 10), Harness.intOpt(opts, "deadline", 120), zeroOrMore(opts, "warmup", 1000),
          zeroOrMore(opts, "sink-delay", 0), opts.getOrDefault("software", "mastodon"));
    }

    private static int zeroOrMore(Map<String, String> opts, String name, int def) {
      return "0".equals(opts.get(name)) ? 0 : Harness.intOpt(opts, name, def);
    }
  }

  private final Settings s;

  FanOut(Settings settings) {
    this.s = settings;
  }

  List<Row> run() throws Exception {
    List<Row> rows = new ArrayList<>();
    if (!s.inboxes().equals("distinct")) {
      rows.addAll(runCase(true));
    }
    if (!s.inboxes().equals("shared")) {
      rows.addAll(runCase(false));
    }
    return rows;
  }

  private List<Row> runCase(boolean shared) throws Exception {
    String name = NAME + (shared ? " shared" : " distinct");
    List<KeyPair> keys = new ArrayList<>();
    for (int i = 0; s.signedFollows() && i < s.keys(); i++) {
      keys.add(ActorKeys.generate());
    }
    Vertx remoteVertx = Vertx.vertx();
    Sink sink = new Sink(remoteVertx, s.sampleEvery(), s.sinkDelayMillis());
    FanOutHosts hosts = new FanOutHosts(remoteVertx, sink, s.hosts(), s.followers(), shared, keys, s.software());
    Sink warmSink = new Sink(remoteVertx, s.sampleEvery());
    FanOutHosts warmHosts = s.warmup() == 0 ? null
        : new FanOutHosts(remoteVertx, warmSink, Math.min(s.hosts(), s.warmup()), s.warmup(), shared, List.of(),
            s.software());
    try (LocalNode node = startHostsThenNode(hosts, warmHosts)) {
      long t = System.nanoTime();
      if (!s.signedFollows()) {
        FanOutFollowers.seed(node, COLLECTIVE, hosts.followers());
        log(name, "%d followers seeded in %.1f s", s.followers(), (System.nanoTime() - t) / 1e9);
      }
      if (warmHosts != null) {
        FanOutFollowers.seed(node, WARMUP, warmHosts.followers());
      }
      node.start(NodeOptions.standard().withPages(false).withMetrics(false));
      var accounts = node.node().services().accounts();
      Await.result(accounts.collectives().create(COLLECTIVE, "Bench", "Fan-out benchmark", false));
      Await.result(accounts.collectives().create(WARMUP, "Warm-up", "Fan-out warm-up", false));
      Await.result(accounts.users().create(new UserService.NewUser("editor", "Editor",
          "bench-editor-password"), false, Map.of(COLLECTIVE, Role.EDITOR, WARMUP, Role.EDITOR)));
      String token = Await.result(accounts.sessions().createToken("editor", "bench")).token();
      if (s.signedFollows()) {
        t = System.nanoTime();
        FanOutFollowers.follow(remoteVertx, node, hosts, sink, COLLECTIVE, 16);
        log(name, "%d signed follows accepted and their Accepts delivered in %.1f s", s.followers(),
            (System.nanoTime() - t) / 1e9);
      }
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      long counted = followersCounted(http, node);
      if (counted != s.followers()) {
        throw new IllegalStateException("the followers collection counts " + counted + ", expected " + s.followers());
      }
      List<String> expected = hosts.expectedInboxes();
      log(name, "node on %s; %d followers on %d hosts, %d inboxes to reach", node.base, s.followers(), s.hosts(),
          expected.size());

      if (warmHosts != null) {
        warmUp(name, http, node, token, warmSink, warmHosts.expectedInboxes().size());
      }
      HttpRequest post = publishRequest(node, token, COLLECTIVE);
      ThreadCpu threadCpu = new ThreadCpu(remoteVertx);
      threadCpu.mark();
      long cpu0 = processCpuNanos();
      long[] ticks0 = cpuTicks();
      long gc0 = gcMillis();
      long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      long t0 = System.nanoTime();
      HttpResponse<String> created = http.send(post, HttpResponse.BodyHandlers.ofString());
      long publishedNanos = System.nanoTime() - t0;
      if (created.statusCode() != 201) {
        throw new IllegalStateException("publishing answered " + created.statusCode() + ": " + created.body());
      }
      String url = new JsonObject(created.body()).getString("url");
      boolean complete = awaitDeliveries(sink, (long) expected.size() * s.activitiesPerInbox());
      long cpuNanos = processCpuNanos() - cpu0; // includes the quiet period, which costs next to nothing
      long[] ticks = cpuTicks();
      log(name, "process CPU %.1f s (user %.1f s, system %.1f s), GC %d ms, JIT %d ms", cpuNanos / 1e9,
          (ticks[0] - ticks0[0]) / 100.0, (ticks[1] - ticks0[1]) / 100.0, gcMillis() - gc0,
          ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0);
      log(name, "CPU ms by thread group: %s", ThreadCpu.render(threadCpu.since()));
      while (sink.verifyPending.get() > 0) {
        FanOutFollowers.sleep(20); // the last sampled verifications (each a few ms at most)
      }
      DeliveryStats stats = Await.result(node.node().services().fed().deliveryStats());
      FanOutCheck check = FanOutCheck.of(sink.arrivals, expected, url);
      if (!sink.failures.isEmpty()) {
        log(name, "signature failures, first ones: %s", sink.failures);
      }
      if (!complete) {
        log(name, "deadline: %d deliveries of %d", sink.received.get(), expected.size() * s.activitiesPerInbox());
      }
      return rows(name, shared, expected.size(), publishedNanos, t0, cpuNanos, check, stats, sink);
    } finally {
      hosts.close();
      if (warmHosts != null) {
        warmHosts.close();
      }
      Await.result(remoteVertx.close());
    }
  }

  /**
   * Publishes to the warm-up collective until the JIT compilers spent less than a fifth of a round's time compiling
   * (at most {@link #WARMUP_ROUNDS} rounds).
   */
  private void warmUp(String name, java.net.http.HttpClient http, LocalNode node, String token, Sink warmSink,
      int inboxes) throws Exception {
    long expected = (long) inboxes * s.activitiesPerInbox();
    for (int round = 1; round <= WARMUP_ROUNDS; round++) {
      warmSink.reset();
      long t = System.nanoTime();
      long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      HttpResponse<String> warm = http.send(publishRequest(node, token, WARMUP), HttpResponse.BodyHandlers.ofString());
      if (warm.statusCode() != 201 || !awaitDeliveries(warmSink, expected)) {
        throw new IllegalStateException("warm-up publication answered " + warm.statusCode() + ", "
            + warmSink.received.get() + " deliveries of " + expected);
      }
      long wallMillis = (System.nanoTime() - t) / 1_000_000 - QUIET_MILLIS;
      long jitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit;
      log(name, "warm-up round %d: %d deliveries to %d other inboxes in %d ms, JIT compiling %d ms", round,
          warmSink.received.get(), inboxes, wallMillis, jitMillis);
      if (jitMillis * 5 < wallMillis) {
        return;
      }
    }
  }

  /**
   * The hosts listen first, on ports the system picks, and only then does the node pick its own free port (which it
   * binds later): the other way round, one of the hosts could take the node's port.
   */
  private static LocalNode startHostsThenNode(FanOutHosts hosts, FanOutHosts warmHosts) {
    hosts.start();
    if (warmHosts != null) {
      warmHosts.start();
    }
    return new LocalNode();
  }

  /** Waits until {@code expected} deliveries arrived and nothing more for the quiet period; false at the deadline. */
  private boolean awaitDeliveries(Sink sink, long expected) {
    long deadline = System.nanoTime() + s.deadlineSeconds() * 1_000_000_000L;
    long lastCount = -1;
    long lastChange = System.nanoTime();
    while (true) {
      long n = sink.received.get();
      if (n != lastCount) {
        lastCount = n;
        lastChange = System.nanoTime();
      }
      if (n >= expected && System.nanoTime() - lastChange > QUIET_MILLIS * 1_000_000L) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      FanOutFollowers.sleep(20); // polling interval of a deadline-bound wait
    }
  }

  private List<Row> rows(String name, boolean shared, int inboxes, long publishedNanos, long t0, long cpuNanos,
      FanOutCheck c, DeliveryStats stats, Sink sink) {
    List<Row> rows = new ArrayList<>();
    rows.add(Row.info(name, "setup", s.followers() + " followers on " + s.hosts() + " hosts, "
        + (shared ? "shared inboxes" : "no shared inbox") + ", " + (s.signedFollows() ? "signed Follows" : "seeded")
        + (s.sinkDelayMillis() > 0 ? ", sinks answer after " + s.sinkDelayMillis() + " ms" : "")
        + ", NodeInfo software " + s.software()));
    rows.add(Row.info(name, "publish request answered 201 (ms)", ms(publishedNanos)));
    rows.add(Row.info(name, "deliveries naming the event, by type", c.byType + " (" + c.activities() + " activities)"));
    boolean exact = c.exact(inboxes, s.activitiesPerInbox());
    rows.add(Row.info(name, "activities per inbox", String.format("%.2f", c.deliveries / (double) inboxes)));
    rows.add(Row.info(name, "signatures per inbox (signed POSTs; RFC 9421 / all)",
        String.format("%.2f (%d / %d)", sink.received.get() / (double) inboxes, sink.rfc9421.get(), sink.received.get())));
    rows.add(Row.info(name, "NodeInfo GETs (unsigned, first contact with a host)", String.valueOf(sink.nodeInfoGets.get())));
    rows.add(new Row(name, "inboxes that got each activity exactly once",
        c.inboxesComplete + " / " + inboxes + " (dup " + c.duplicates + ", stray " + (c.unexpectedInboxes + c.unrelated)
            + ")", "all", exact ? "yes" : "NO"));
    if (c.deliveries > 0) {
      rows.add(Row.info(name, "publish to first delivery (ms)", ms(c.first - t0)));
      StringBuilder lastByType = new StringBuilder();
      c.lastByType.forEach((type, nanos) -> lastByType.append(lastByType.length() == 0 ? "" : ", ").append(type)
          .append(" ").append(ms(nanos - t0)));
      rows.add(Row.info(name, "publish to last delivery by type (ms)", lastByType.toString()));
      rows.add(Row.info(name, "deliveries per second (publish to last)",
          String.format("%.0f", c.deliveries / ((c.last - t0) / 1e9))));
      rows.add(Row.atMost(name, "publish to last delivery acknowledged (ms)", (c.last - t0) / 1e6,
          shared ? 1500 : 8000, "%.0f"));
    } else {
      rows.add(new Row(name, "publish to last delivery acknowledged (ms)", "nothing delivered",
          shared ? "<= 1500" : "<= 8000", "NO"));
    }
    if (c.deliveries > 0) {
      rows.add(Row.info(name, "CPU per delivery, node and sinks (ms; whole process, publish to end)",
          String.format("%.2f", cpuNanos / 1e6 / c.deliveries)));
    }
    rows.add(Row.info(name, "delivery queue after the run (queued / in flight)", stats.queued() + " / " + stats.inFlight()));
    rows.add(Row.atMost(name, "sampled signatures failing (1 in " + s.sampleEvery() + "; " + sink.verified.get()
        + " ok)", sink.verifyFailed.get(), 0, "%.0f"));
    rows.add(Row.info(name, "load average at the end", String.format("%.2f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())));
    return rows;
  }

  /** CPU time of this whole process (node, sinks, harness), user and system, in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** User and system CPU ticks (1/100 s) of this process, from /proc (zeros where there is none). */
  private static long[] cpuTicks() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    } catch (java.io.IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
  }

  private static String ms(long nanos) {
    return String.format("%.0f", nanos / 1e6);
  }

  private static long followersCounted(java.net.http.HttpClient http, LocalNode node) throws Exception {
    HttpRequest get = HttpRequest.newBuilder(URI.create(node.base + "/actors/" + COLLECTIVE + "/followers"))
        .header("Accept", "application/activity+json").GET().build();
    HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("followers collection answered " + answer.statusCode());
    }
    return new JsonObject(answer.body()).getLong("totalItems", -1L);
  }

  private static HttpRequest publishRequest(LocalNode node, String token, String collective) {
    JsonObject event = new JsonObject().put("title", "Manif climat").put("timezone", NodeTime.DEFAULT_ZONE.getId())
        .put("startTime", "2030-03-16T14:00").put("content", "Manifestation pour le climat.")
        .put("location", new JsonObject().put("name", "Place Grenette").put("address", "Grenoble"))
        .put("publish", true);
    return HttpRequest.newBuilder(URI.create(node.base + "/api/collectives/" + collective + "/events"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(event.encode())).build();
  }

  static void log(String name, String format, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = name;
    System.arraycopy(args, 0, all, 1, args.length);
    System.out.printf("[%s] " + format + "%n", all);
  }
}
