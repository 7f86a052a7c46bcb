package org.coordo.server.app;

import java.nio.file.Path;

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
}
