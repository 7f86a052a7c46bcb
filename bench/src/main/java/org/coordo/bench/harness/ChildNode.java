package org.coordo.bench.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java <javaOpts> -jar coordo.jar run} in a child process, as {@code ./coordo run} starts it: working directory an
 * empty temporary one (no {@code conf/node.json}), port, bind address 127.0.0.1, public URL and data directory from
 * the environment, plus {@code env}; output to {@code node.log} there. {@link #start} returns once {@code /health}
 * answers 200; {@link #close} stops it with SIGTERM (SIGKILL after 30 s) and deletes the working directory.
 */
final class ChildNode implements AutoCloseable {
  private static final long HEALTHY_WITHIN_SECONDS = 180;

  private final Process process;
  private final Path workDir;
  private final int port;
  private final double healthyMillis;

  private ChildNode(Process process, Path workDir, int port, double healthyMillis) {
    this.process = process;
    this.workDir = workDir;
    this.port = port;
    this.healthyMillis = healthyMillis;
  }

  static ChildNode start(Path jar, String javaOpts, Path dataDir, Map<String, String> env) throws Exception {
    return start(jar, javaOpts, dataDir, env, false);
  }

  /** @param logGc whether the child also logs its GC pauses ({@code -Xlog:gc}, read by {@link #gcBetween}) */
  static ChildNode start(Path jar, String javaOpts, Path dataDir, Map<String, String> env, boolean logGc)
      throws Exception {
    Path work = Files.createTempDirectory("coordo-child");
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
    if (logGc) {
      command.add("-Xlog:gc:file=" + work.resolve("gc.log") + ":timemillis");
    }
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "run"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
        .redirectErrorStream(true).redirectOutput(work.resolve("node.log").toFile());
    pb.environment().put("COORDO_PORT", String.valueOf(port));
    pb.environment().put("COORDO_BIND_ADDRESS", "127.0.0.1");
    pb.environment().put("COORDO_PUBLIC_URL", "http://127.0.0.1:" + port);
    pb.environment().put("COORDO_DATA_DIR", dataDir.toAbsolutePath().toString());
    pb.environment().putAll(env);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long t0 = System.nanoTime();
    Process process = pb.start();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(HEALTHY_WITHIN_SECONDS);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new ChildNode(process, work, port, (System.nanoTime() - t0) / 1e6);
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(20); // polling interval of a deadline-bound wait
    }
    String log = tail(work.resolve("node.log"));
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    Cleanup.deleteTree(work);
    throw new IllegalStateException("the node did not become healthy within " + HEALTHY_WITHIN_SECONDS
        + " s (exit " + (process.isAlive() ? "-" : process.exitValue()) + "); end of its log:\n" + log);
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  double healthyMillis() {
    return healthyMillis;
  }

  long pid() {
    return process.pid();
  }

  /** A {@code kB} field of the child's {@code /proc/<pid>/status}, or -1 where there is none. */
  long statusKb(String field) {
    return Proc.statusKb(String.valueOf(process.pid()), field);
  }

  /** CPU time the child has used so far, in milliseconds ({@link Proc#cpuMillis}). */
  long cpuMillis() {
    return Proc.cpuMillis(String.valueOf(process.pid()));
  }


  /** GC pauses of the child between two wall-clock times (from its {@code -Xlog:gc}). */
  record GcPauses(int young, int full, double fullMillis, double totalMillis) {}

  /** The pauses logged between {@code fromMillis} and {@code toMillis} (epoch ms); zeros without a GC log. */
  GcPauses gcBetween(long fromMillis, long toMillis) {
    int young = 0;
    int full = 0;
    double fullMs = 0;
    double totalMs = 0;
    Path log = workDir.resolve("gc.log");
    try {
      for (String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of()) {
        // [1732412345678ms] GC(3) Pause Young (Allocation Failure) 23M->15M(32M) 1.287ms
        if (!line.startsWith("[") || !line.contains(" Pause ") || !line.endsWith("ms")) {
          continue;
        }
        long at = Long.parseLong(line.substring(1, line.indexOf("ms]")));
        if (at < fromMillis || at > toMillis) {
          continue;
        }
        double ms = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1, line.length() - 2));
        totalMs += ms;
        if (line.contains("Pause Full")) {
          full++;
          fullMs += ms;
        } else {
          young++;
        }
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("[child] unreadable GC log: " + e);
    }
    return new GcPauses(young, full, fullMs, totalMs);
  }

  /** Whether the child process still runs. */
  boolean alive() {
    return process.isAlive();
  }

  /** The last lines of the child's log. */
  String logTail() {
    return tail(workDir.resolve("node.log"));
  }

  /**
   * The largest heap occupancy seen before and after a collection, in MB, from the child's {@code -Xlog:gc}
   * ({@code Pause Young (Allocation Failure) 23M->15M(32M) 1.287ms}); zeros without a GC log.
   */
  double[] heapPeaksMb() {
    double before = 0;
    double after = 0;
    Path log = workDir.resolve("gc.log");
    java.util.regex.Pattern sizes = java.util.regex.Pattern.compile(" (\\d+)M->(\\d+)M\\(");
    try {
      for (String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of()) {
        java.util.regex.Matcher m = sizes.matcher(line);
        if (line.contains(" Pause ") && m.find()) {
          before = Math.max(before, Double.parseDouble(m.group(1)));
          after = Math.max(after, Double.parseDouble(m.group(2)));
        }
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("[child] unreadable GC log: " + e);
    }
    return new double[] {before, after};
  }

  /** SIGTERM and wait for the exit (SIGKILL after 30 s); whether it exited by itself. */
  boolean stop() throws InterruptedException {
    if (!process.isAlive()) {
      return true;
    }
    process.destroy();
    if (process.waitFor(30, TimeUnit.SECONDS)) {
      return true;
    }
    System.err.println("[child] no exit 30 s after SIGTERM; log: " + tail(workDir.resolve("node.log")));
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    try {
      stop();
    } finally {
      Cleanup.deleteTree(workDir);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
