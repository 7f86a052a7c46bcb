package org.coordo.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Launch to healthy and idle memory of {@code coordo run}: starts the node's jar as a {@link ChildNode} with the
 * same options as the {@code ./coordo} script on an empty data directory, takes its time to a healthy
 * {@code GET /health}, waits {@code idle} seconds, reads {@code VmRSS} and {@code VmHWM}, then stops it with
 * SIGTERM.
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
    try (ChildNode node = ChildNode.start(jar, javaOpts, dir.resolve("data"), Map.of())) {
      Thread.sleep(idleSeconds * 1000L); // the idle period is what is being measured
      long rssKb = node.statusKb("VmRSS");
      long hwmKb = node.statusKb("VmHWM");
      List<Row> rows = new ArrayList<>();
      rows.add(Row.info(NAME, "command", "java " + javaOpts + " -jar " + jar.getFileName() + " run"));
      rows.add(Row.atMost(NAME, "launch to first 200 on /health (ms)", node.healthyMillis(), 3000, "%.0f"));
      rows.add(Row.atMost(NAME, "RSS of a city node after " + idleSeconds + " s idle (MB)", rssKb / 1024.0, 150, "%.1f"));
      rows.add(Row.info(NAME, "peak RSS, VmHWM (MB)", String.format("%.1f", hwmKb / 1024.0)));
      return rows;
    } finally {
      Cleanup.deleteTree(dir);
    }
  }
}
