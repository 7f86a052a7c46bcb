package org.coordo.server.app.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coordo.federation.testkit.Await;
import org.coordo.server.app.TestNodes;

/**
 * {@link CrashNodeMain} in a child JVM on one data directory, started again after each {@code kill
 * -9}. The port is chosen once and kept: the public URL (actor ids, key ids, the followers' records)
 * must stay the same across restarts, as on a real server. Every run appends to {@code node.log}.
 */
final class CrashNode implements AutoCloseable {
  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(120);

  final int port = freePort();
  final String base = "http://127.0.0.1:" + port;
  private final Path dir;
  private final Path log;
  private final Map<String, String> env;
  private Process process;

  private final String mainClass;

  CrashNode(Path dir) {
    this(dir, Map.of(), CrashNodeMain.class);
  }

  /** A node run by {@code main} (a command line with test routes) with more configuration. */
  CrashNode(Path dir, Map<String, String> extraEnv, Class<?> main) {
    this.dir = dir;
    this.mainClass = main.getName();
    this.log = dir.resolve("node.log");
    Map<String, String> e = new HashMap<>(TestNodes.env(dir, Map.of()));
    e.put("COORDO_PORT", String.valueOf(port));
    e.put("COORDO_PUBLIC_URL", base);
    e.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
    e.put("COORDO_HTTP_DRAIN_SECONDS", "2");
    e.putAll(extraEnv);
    this.env = Map.copyOf(e);
  }

  /** The environment of this node (for the command line run in the test's own JVM). */
  Map<String, String> env() {
    return env;
  }

  Path configFile() {
    return dir.resolve("test-node.json");
  }

  /** Starts the node and returns once {@code /health} answers 200. */
  void start() {
    TestNodes.emptyConfigFile(dir);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        mainClass, "run", "--config", configFile().toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(2)).build();
    Await.until("the node to answer /health (see " + log + ")", () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("the node exited with " + process.exitValue() + "; see " + log);
      }
      try {
        return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false; // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }, HEALTHY_WITHIN);
  }

  /**
   * CPU time the running node has used so far (user + system, all threads), in milliseconds, from
   * Linux's {@code /proc/<pid>/stat} (10 ms clock ticks); -1 elsewhere. Wall time on a shared machine
   * says little; this says what a run costs.
   */
  long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no handing back of claimed jobs. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the node survived SIGKILL");
    }
  }

  /** SIGTERM and wait for the exit; returns its status. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the node did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(unreadable log: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
