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
import java.util.concurrent.TimeUnit;

/**
 * Launch to healthy and idle memory of {@code coordo run}: starts the node's jar in a child JVM with the same
 * options as the {@code ./coordo} script (in an empty temporary directory, so that no {@code conf/node.json} is
 * read; port, data directory and public URL from the environment, on 127.0.0.1), polls {@code GET /health}
 * until 200, waits {@code idle} seconds, reads {@code VmRSS} and {@code VmHWM} from {@code /proc/<pid>/status},
 * then stops the child with SIGTERM.
 *
 * <p>The jar is not built here: {@code ./coordo} builds {@code server/target/coordo.jar}; a harness built with
 * {@code -Dcoordo.target=target-x} finds {@code server/target-x/coordo.jar}. Pass {@code --jar} to choose.
 */
final class Launch {
  static final String NAME = "launch";
  /** The {@code default_java_opts} of the {@code ./coordo} script (keep in step). */
  static final String COORDO_JAVA_OPTS = "-XX:+UseSerialGC -Xss512k -Xms16m -Xmx256m -XX:ReservedCodeCacheSize=48m"
      + " -XX:MaxMetaspaceSize=96m -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError";

  private final Path jar;
  private final String javaOpts;
  private final int idleSeconds;

  Launch(Path jar, String javaOpts, int idleSeconds) {
    this.jar = jar.toAbsolutePath();
    this.javaOpts = javaOpts;
    this.idleSeconds = idleSeconds;
  }

  List<Row> run() throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no node jar at " + jar + " (build it, or pass --jar)");
    }
    Path dir = Files.createTempDirectory("coordo-launch");
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
    command.addAll(List.of("-jar", jar.toString(), "run"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile());
    pb.environment().put("COORDO_PORT", String.valueOf(port));
    pb.environment().put("COORDO_BIND_ADDRESS", "127.0.0.1");
    pb.environment().put("COORDO_PUBLIC_URL", "http://127.0.0.1:" + port);
    pb.environment().put("COORDO_DATA_DIR", dir.resolve("data").toString());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(2)).GET().build();
    long t0 = System.nanoTime();
    Process process = pb.start();
    try {
      long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
      long healthyNanos = -1;
      while (System.nanoTime() < deadline && process.isAlive()) {
        try {
          if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            healthyNanos = System.nanoTime() - t0;
            break;
          }
        } catch (IOException e) {
          // not listening yet
        }
        Thread.sleep(20); // polling interval of a deadline-bound wait
      }
      if (healthyNanos < 0) {
        throw new IllegalStateException("the node did not become healthy within 60 s; log: " + dir.resolve("node.log"));
      }
      Thread.sleep(idleSeconds * 1000L); // the idle period is what is being measured
      long rssKb = procStatusKb(process.pid(), "VmRSS");
      long hwmKb = procStatusKb(process.pid(), "VmHWM");
      List<Row> rows = new ArrayList<>();
      rows.add(Row.info(NAME, "command", "java " + javaOpts + " -jar " + jar.getFileName() + " run"));
      rows.add(Row.atMost(NAME, "launch to first 200 on /health (ms)", healthyNanos / 1e6, 3000, "%.0f"));
      rows.add(Row.atMost(NAME, "RSS of a city node after " + idleSeconds + " s idle (MB)", rssKb / 1024.0, 150, "%.1f"));
      rows.add(Row.info(NAME, "peak RSS, VmHWM (MB)", String.format("%.1f", hwmKb / 1024.0)));
      return rows;
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      Cleanup.deleteTree(dir);
    }
  }

  /** A {@code kB} field of {@code /proc/<pid>/status}, or -1 where there is no procfs. */
  static long procStatusKb(long pid, String field) throws IOException {
    Path status = Path.of("/proc", String.valueOf(pid), "status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
      }
    }
    return -1;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
