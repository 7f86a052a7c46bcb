package org.coordo.server.app;

import io.vertx.core.Vertx;
import org.coordo.server.config.NodeConfig;

/** {@code storage.backend = postgresql}: the node's store on a PostgreSQL database shared by its processes. */
final class PostgresBackend {
  private PostgresBackend() {}

  static StoreBackend open(Vertx vertx, NodeConfig config) {
    throw new org.coordo.storage.StorageException("the postgresql backend is not available in this build", null);
  }
}
