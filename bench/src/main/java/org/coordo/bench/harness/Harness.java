package org.coordo.bench.harness;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load harness: runs each scenario against real nodes on 127.0.0.1 only and prints one table of figures
 * against the targets of the Performance issue, with the machine it ran on. {@code ./coordo bench [options]}
 * builds and runs it; the options are in {@code usage} below and in docs/PERFORMANCE.md.
 *
 * <p>Scenarios: {@code inbox} ({@link InboxIngest}), {@code fanout} ({@link FanOut}), {@code agenda}
 * ({@link NationalAgenda}), {@code launch} ({@link Launch}), {@code mail} ({@link MailBurst}), {@code all} (every one
 * of these, the default), and
 * {@code flood} ({@link InboxFlood}, only when named: it tries to exhaust the node's heap). The inbox, flood,
 * agenda and launch nodes are {@code coordo.jar run} child JVMs with the launcher's flags; the fan-out node runs
 * in this JVM. Exit status 0 when the run completed (whether or not targets were met), 1 when a scenario
 * failed, 2 on bad arguments.
 */
public final class Harness {
  static final List<String> SCENARIOS = List.of("all", "inbox", "fanout", "agenda", "launch", "flood", "mail",
      "pg-delivery", "pg-inbox", "pg-agenda"); // [pg-ops] PostgreSQL scenarios run only when named

  private Harness() {}

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    String scenario;
    InboxIngest.Settings inbox;
    FanOut.Settings fanOut;
    NationalAgenda.Settings agenda;
    InboxFlood.Settings flood;
    MailBurst.Settings mail;
    Path jar;
    String javaOpts;
    int idle;
    try {
      Map<String, String> opts = options(args);
      scenario = opts.getOrDefault("scenario", "all");
      if (!SCENARIOS.contains(scenario)) {
        throw new IllegalArgumentException("unknown scenario " + scenario + " (known: " + String.join(", ", SCENARIOS) + ")");
      }
      jar = Path.of(opts.getOrDefault("jar", "server/target/coordo.jar"));
      javaOpts = opts.getOrDefault("java-opts", Launch.COORDO_JAVA_OPTS);
      inbox = new InboxIngest.Settings(
          intOpt(opts, "duration", 30), intOpt(opts, "inbox-warmup", 15), intOpt(opts, "requests", 220_000),
          intOpt(opts, "concurrency", 64),
          intOpt(opts, "actors", 500), intOpt(opts, "keys", 8), jar, javaOpts);
      fanOut = FanOut.Settings.from(opts);
      agenda = NationalAgenda.Settings.from(opts);
      idle = intOpt(opts, "idle", 10);
      flood = InboxFlood.Settings.from(opts, jar, javaOpts);
      mail = MailBurst.Settings.from(opts);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: Harness [--scenario all|inbox|fanout|agenda|launch|flood] [--jar server/target/coordo.jar]"
          + " [--java-opts '...'] [--keys K]\n"
          + "  inbox:  [--duration 30] [--inbox-warmup 15] [--requests 220000] [--concurrency 64] [--actors 500]\n"
          + "  fanout: [--followers 10000] [--hosts 1000] [--inboxes shared|distinct|both] [--follows seed|signed]"
          + " [--sample 10] [--deadline 120] [--warmup 1000] [--sink-delay 0] [--software mastodon]\n"
          + "  agenda: [--events 1000000] [--cities 100] [--dataset DIR] [--agenda-requests 2000] [--agenda-warmup 1000]"
          + " [--agenda-concurrency 4] [--writers 2] [--agenda-queries all]\n"
          + "  launch: [--idle 10]\n"
          + "  flood:  [--flood-requests 16] [--flood-bytes 1040000] [--flood-shape objects|text] [--key-delay 8]\n"
          + "  mail:   [--mails 10000] [--mail-rate 200]");
      System.exit(2);
      return;
    }
    if (!Files.isRegularFile(jar) && !scenario.equals("fanout") && !scenario.equals("mail")) {
      System.err.println("no " + jar + ": the nodes run from the jar (./coordo bench builds it; or pass --jar)");
      System.exit(2);
      return;
    }
    List<Row> rows = new ArrayList<>();
    int status = 0;
    boolean all = scenario.equals("all");
    if (all || scenario.equals("inbox")) {
      status |= run(InboxIngest.NAME, () -> new InboxIngest(inbox).run(), rows);
    }
    if (all || scenario.equals("fanout")) {
      status |= run(FanOut.NAME, () -> new FanOut(fanOut).run(), rows);
    }
    if (all || scenario.equals("agenda")) {
      status |= run(NationalAgenda.NAME, () -> new NationalAgenda(agenda).run(), rows);
    }
    if (all || scenario.equals("launch")) {
      status |= run(Launch.NAME, () -> new Launch(jar, javaOpts, idle).run(), rows);
    }
    if (all || scenario.equals("mail")) {
      MailBurst.Settings m = mail;
      status |= run(MailBurst.NAME, () -> new MailBurst(m).run(), rows);
      status |= run(MailFanoutBurst.NAME, () -> new MailFanoutBurst(m).run(), rows);
    }
    if (scenario.equals("pg-delivery")) { // [pg-ops] issue 18
      PgDeliveryScaling.Settings d = PgDeliveryScaling.Settings.from(options(args), jar, javaOpts);
      status |= run(PgDeliveryScaling.NAME, () -> new PgDeliveryScaling(d).run(), rows);
    }
    if (scenario.equals("pg-inbox")) { // [pg-ops] issue 18
      InboxIngest.Settings i = inbox;
      status |= run(InboxIngest.NAME + " (rocksdb, postgresql)", () -> PgScenarios.inbox(i), rows);
    }
    if (scenario.equals("pg-agenda")) { // [pg-ops] issue 18
      NationalAgenda.Settings a = agenda;
      status |= run(NationalAgenda.NAME + " (postgresql)", () -> PgScenarios.agenda(a), rows);
    }
    if (scenario.equals("flood")) {
      InboxFlood.Settings f = flood;
      status |= run(InboxFlood.NAME, () -> new InboxFlood(f).run(), rows);
    }
    print(rows);
    System.exit(status);
  }

  private interface Scenario {
    List<Row> run() throws Exception;
  }

  /** Runs one scenario; a failure becomes a row (and exit status 1) and the next scenario still runs. */
  private static int run(String name, Scenario scenario, List<Row> rows) {
    try {
      rows.addAll(scenario.run());
      return 0;
    } catch (Exception e) {
      System.err.println(name + " failed: " + e);
      e.printStackTrace();
      rows.add(new Row(name, "FAILED", String.valueOf(e.getMessage()), "-", "NO"));
      return 1;
    }
  }

  static void print(List<Row> rows) {
    String machine = Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + ", load average " + String.format("%.2f",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.println();
    System.out.println("Coordo load harness, " + Instant.now() + "; machine: " + machine);
    String format = "%-14s | %-60s | %-44s | %-10s | %s%n";
    System.out.printf(format, "scenario", "figure", "value", "target", "met");
    System.out.println("-".repeat(141));
    for (Row r : rows) {
      System.out.printf(format, r.scenario(), r.figure(), r.value(), r.target(), r.met());
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[++i]);
    }
    return opts;
  }

  static int intOpt(Map<String, String> opts, String name, int def) {
    String v = opts.get(name);
    if (v == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(v);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a positive integer, got " + v);
    }
  }
}
