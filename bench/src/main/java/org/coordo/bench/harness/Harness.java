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
 * The load harness: starts real nodes in this JVM, drives them from fake remote servers on 127.0.0.1 only, and
 * prints one table of figures against the targets of the Performance issue. Run:
 * <pre>
 * java -cp bench/target/benchmarks.jar org.coordo.bench.harness.Harness [--duration 30] [--requests 12000]
 *     [--concurrency 64] [--actors 500] [--keys 8] [--scenario all|inbox|fanout|launch]
 *     [--followers 1000] [--hosts 100] [--sample 10] [--jar server/target/coordo.jar] [--idle 10]
 * </pre>
 * Scenarios: {@code inbox} ({@link InboxIngest}), {@code launch} ({@link Launch}: launch to healthy and idle RSS of
 * {@code coordo run} in a child JVM), {@code fanout} ({@link FanOut}), {@code all} (every one, the default; launch
 * is skipped when the jar is absent). Exit status 0 when the run completed (whether or not
 * targets were met), 1 on a harness failure, 2 on bad arguments.
 */
public final class Harness {
  private Harness() {}

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    String scenario;
    InboxIngest.Settings inbox;
    FanOut.Settings fanOut;
    Path jar;
    String javaOpts;
    int idle;
    try {
      Map<String, String> opts = options(args);
      scenario = opts.getOrDefault("scenario", "all");
      if (!List.of("all", "inbox", "fanout", "launch").contains(scenario)) {
        throw new IllegalArgumentException("unknown scenario " + scenario + " (known: all, inbox, fanout, launch)");
      }
      jar = Path.of(opts.getOrDefault("jar", "server/target/coordo.jar"));
      javaOpts = opts.getOrDefault("java-opts", Launch.COORDO_JAVA_OPTS);
      inbox = new InboxIngest.Settings(
          intOpt(opts, "duration", 30), intOpt(opts, "warmup", 20), intOpt(opts, "requests", 150_000),
          intOpt(opts, "concurrency", 64),
          intOpt(opts, "actors", 500), intOpt(opts, "keys", 8), jar, javaOpts);
      fanOut = new FanOut.Settings(intOpt(opts, "followers", 1000), intOpt(opts, "hosts", 100),
          intOpt(opts, "keys", 8), intOpt(opts, "sample", 10));
      idle = intOpt(opts, "idle", 10);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: Harness [--scenario all|inbox|fanout|launch] [--duration S] [--requests N]"
          + " [--concurrency C] [--actors A] [--keys K] [--followers F] [--hosts H] [--sample S]"
          + " [--jar server/target/coordo.jar] [--idle S] [--java-opts '...']");
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
    if (all || scenario.equals("launch")) {
      if (all && !Files.isRegularFile(jar)) {
        rows.add(Row.info(Launch.NAME, "skipped", "no " + jar + " (./coordo builds it; or --jar)"));
      } else {
        status |= run(Launch.NAME, () -> new Launch(jar, javaOpts, idle).run(), rows);
      }
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
