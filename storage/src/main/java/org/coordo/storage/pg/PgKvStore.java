package org.coordo.storage.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keyspace;
import org.coordo.storage.SchemaVersions;
import org.coordo.storage.StorageException;
import org.coordo.storage.StoreOptions;

/**
 * {@link KvStore} on PostgreSQL through the Vert.x reactive client: one table per keyspace (see {@link
 * PgSchema}), a batch is one transaction, scans read in bounded keyset chunks. Several processes may
 * open the same database at once.
 *
 * <p>The interface is synchronous: every call blocks its thread until PostgreSQL answers (at most
 * {@link PgOptions#timeout()}), so callers run it on worker threads; a call on an event loop is
 * refused. When PostgreSQL is down, calls fail with a {@link StorageException}; the pool opens new
 * connections on the next calls, so the store works again once PostgreSQL is back, without reopening.
 *
 * <p>Durability: connections commit with {@code synchronous_commit = off}, which matches {@link
 * Durability#WAL} (a Coordo process kill loses nothing; a PostgreSQL crash may lose the last few hundred
 * milliseconds of commits); a {@link Durability#SYNC} batch sets {@code synchronous_commit = on} for
 * its transaction and returns once its commit is flushed.
 *
 * <p>{@link #backupTo} is not supported: back up a PostgreSQL database with {@code pg_dump} or the
 * server's own backup tooling.
 */
public final class PgKvStore implements KvStore {
  /** Attempts of a write that PostgreSQL rolled back to break a deadlock. */
  static final int WRITE_ATTEMPTS = 5;

  private final PgOptions options;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Pool pool;
  private final Map<String, PgKeyspace> keyspaces = new LinkedHashMap<>();
  private volatile boolean closed;
  private volatile int schemaVersion;

  private PgKvStore(PgOptions options, Vertx vertx, boolean ownsVertx, Pool pool, List<String> names) {
    this.options = options;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.pool = pool;
    for (String name : names) {
      keyspaces.put(name, new PgKeyspace(this, name, PgSchema.table(name)));
    }
  }

  /** Opens the store on its own Vert.x instance, closed with the store. */
  public static PgKvStore open(PgOptions options, StoreOptions storeOptions) {
    Vertx vertx = Vertx.vertx();
    try {
      return open(vertx, true, options, storeOptions);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  /** Opens the store on the caller's Vert.x instance (left open by {@link #close()}). */
  public static PgKvStore open(Vertx vertx, PgOptions options, StoreOptions storeOptions) {
    return open(vertx, false, options, storeOptions);
  }

  private static PgKvStore open(Vertx vertx, boolean ownsVertx, PgOptions options, StoreOptions storeOptions) {
    storeOptions.keyspaces().forEach(PgSchema::table); // refuse unusable names before connecting
    PgConnectOptions connect = connectOptions(options);
    Pool pool = PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(options.poolSize()).setName("coordo-pg-" + options.database())
            .setShared(false)
            .setConnectionTimeout(timeoutMillis(options)).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
        .with(new NetClientOptions().setConnectTimeout(timeoutMillis(options)))
        .connectingTo(connect)
        .using(vertx)
        .build();
    // The schema is created and checked on a connection of its own, outside the pool (a pool of one
    // must stay free for the StoreOptions migrations), holding an advisory lock against other processes.
    SqlConnection lockConn = null;
    try {
      lockConn = PgCalls.await(PgConnection.connect(vertx, connect).map(c -> (SqlConnection) c),
          options.timeout(), "connect", null);
      SqlConnection conn = lockConn;
      List<String> names = PgCalls.await(
          conn.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(PgSchema.OPEN_LOCK))
              .compose(v -> PgSchema.migrate(conn))
              .compose(v -> PgSchema.ensureKeyspaces(conn, storeOptions.keyspaces())),
          options.timeout(), "open", null);
      PgKvStore store = new PgKvStore(options, vertx, ownsVertx, pool, names);
      try {
        store.schemaVersion = SchemaVersions.apply(store, storeOptions);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      return store;
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    } finally {
      if (lockConn != null) {
        lockConn.close(); // ends the session: releases the advisory lock
      }
    }
  }

  private static int timeoutMillis(PgOptions options) {
    return (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis());
  }

  static PgConnectOptions connectOptions(PgOptions options) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(options.host())
        .setPort(options.port())
        .setDatabase(options.database())
        .setUser(options.user())
        .setPassword(options.password())
        .setSslMode(SslMode.of(options.sslMode()))
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
    connect.addProperty("application_name", "coordo");
    connect.addProperty("synchronous_commit", "off");
    connect.addProperty("client_min_messages", "warning"); // no NOTICE for CREATE ... IF NOT EXISTS
    return connect;
  }

  @Override
  public Keyspace keyspace(String name) {
    checkOpen();
    PgKeyspace keyspace = keyspaces.get(name);
    if (keyspace == null) {
      throw new StorageException("unknown keyspace '" + name + "': declare it in StoreOptions");
    }
    return keyspace;
  }

  /** Every keyspace of the database, declared or registered by an earlier open, declared ones first. */
  public List<String> keyspaceNames() {
    return List.copyOf(keyspaces.keySet());
  }

  @Override
  public KvBatch newBatch() {
    checkOpen();
    return new PgBatch(this);
  }

  @Override
  public void write(KvBatch batch, Durability durability) {
    if (!(batch instanceof PgBatch pgBatch) || !pgBatch.belongsTo(this)) {
      throw new IllegalArgumentException("batch was not created by this store");
    }
    checkOpen();
    List<PgBatch.Statement> statements = pgBatch.statements();
    if (statements.isEmpty()) {
      return;
    }
    awaitWrite(() -> pool.withTransaction(conn -> {
      Future<?> chain = durability == Durability.SYNC
          ? conn.query("SET LOCAL synchronous_commit = on").execute()
          : Future.succeededFuture();
      // Consecutive statements with the same SQL go as one pipelined executeBatch, in order.
      int i = 0;
      while (i < statements.size()) {
        String sql = statements.get(i).sql();
        List<Tuple> args = new java.util.ArrayList<>();
        while (i < statements.size() && statements.get(i).sql().equals(sql)) {
          args.add(statements.get(i).args());
          i++;
        }
        chain = chain.compose(v -> conn.preparedQuery(sql).executeBatch(args));
      }
      return chain.mapEmpty();
    }), "batch write", null);
  }

  @Override
  public int schemaVersion() {
    checkOpen();
    return schemaVersion;
  }

  /** Not on PostgreSQL: use {@code pg_dump} (or the server's backup tooling). */
  @Override
  public void backupTo(Path target) {
    checkOpen();
    throw new StorageException(
        "online backup to a directory is a RocksDB feature; back up a PostgreSQL store with pg_dump "
            + "(for example: pg_dump --format=custom --file=coordo.dump " + options.database() + ")");
  }

  /**
   * Whether PostgreSQL answers now ({@code SELECT 1} on a pooled connection), without blocking: for
   * health checks, callable on an event loop. Fails with a {@link StorageException} when it does not.
   */
  public Future<Void> ping() {
    if (closed) {
      return Future.failedFuture(new StorageException("store is closed"));
    }
    return pool.query("SELECT 1").execute()
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(PgCalls.wrap("ping", null, e)));
  }

  public PgOptions options() {
    return options;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      if (io.vertx.core.Context.isOnEventLoopThread()) {
        pool.close(); // no waiting on an event loop
      } else {
        PgCalls.await(pool.close(), options.timeout(), "close", null);
      }
    } catch (RuntimeException e) {
      // closing anyway
    } finally {
      if (ownsVertx) {
        vertx.close();
      }
    }
  }

  // ---- package-private plumbing

  Pool pool() {
    return pool;
  }

  Vertx vertx() {
    return vertx;
  }

  void checkOpen() {
    if (closed) {
      throw new StorageException("store is closed");
    }
  }

  <T> T await(Future<T> future, String operation, String keyspace) {
    checkOpen();
    return PgCalls.await(future, options.timeout(), operation, keyspace);
  }

  /**
   * Runs a write, again (up to {@link #WRITE_ATTEMPTS} times) when PostgreSQL chose it as the victim of
   * a deadlock or a serialization failure: it was rolled back whole, so running it again is safe, and
   * RocksDB callers never see such a failure. Any other failure, a lost connection included (the
   * commit may have happened), is thrown.
   */
  <T> T awaitWrite(java.util.function.Supplier<Future<T>> write, String operation, String keyspace) {
    for (int attempt = 1; ; attempt++) {
      try {
        return await(write.get(), operation, keyspace);
      } catch (StorageException e) {
        if (attempt >= WRITE_ATTEMPTS || !(e.getCause() instanceof io.vertx.pgclient.PgException pg)
            || !("40P01".equals(pg.getSqlState()) || "40001".equals(pg.getSqlState()))) {
          throw e;
        }
        try { // a little jitter, so the two sides of the deadlock do not meet again at once
          Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  PgKeyspace own(Keyspace keyspace) {
    if (keyspace instanceof PgKeyspace pg && pg.store() == this) {
      return pg;
    }
    throw new IllegalArgumentException("keyspace does not belong to this store");
  }
}
