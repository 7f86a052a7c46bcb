package org.coordo.server.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The layout of a node's data directory.
 *
 * <pre>
 * db/              the RocksDB database (locked by the running node)
 * node.run.json    written once the node listens, deleted at a clean stop: pid, port, bind address
 * control.token    random bearer token of the local control endpoints (mode 0600), same lifetime
 * </pre>
 */
public record DataDir(Path root) {

  public Path db() {
    return root.resolve("db");
  }

  public Path runFile() {
    return root.resolve("node.run.json");
  }

  public Path controlToken() {
    return root.resolve("control.token");
  }

  /** Whether {@code dir} does not exist or is an empty directory (a file is neither). */
  public static boolean isEmptyOrAbsent(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
