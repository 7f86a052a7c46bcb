package org.coordo.server.app;

import io.vertx.core.Vertx;
import java.time.Duration;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.CacheEvents;
import org.coordo.storage.KvStore;
import org.coordo.storage.QueueFactory;
import org.coordo.storage.pg.PgKvStore;
import org.coordo.storage.pg.PgOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code storage.backend = postgresql}: the node's store on a PostgreSQL database that several processes of the
 * node share. Each process takes an owner name of its own for the durable queues, and tells the others about
 * changed cached records through {@link PgCacheEvents} (PostgreSQL {@code LISTEN/NOTIFY}).
 */
final class PostgresBackend implements StoreBackend {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresBackend.class);
  /**
   * How long one storage call waits for PostgreSQL. While the database restarts, calls fail at once (connection
   * refused) or after this; requests then answer 503 with Retry-After.
   */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final PgKvStore store;
  private final QueueFactory queues;
  private final PgCacheEvents events;
  private final String owner;

  private PostgresBackend(PgKvStore store, QueueFactory queues, PgCacheEvents events, String owner) {
    this.store = store;
    this.queues = queues;
    this.events = events;
    this.owner = owner;
  }

  static PgOptions options(NodeConfig.Postgresql pg) {
    return new PgOptions(pg.host(), pg.port(), pg.database(), pg.user(), pg.password(), pg.poolSize(), pg.ssl(),
        CALL_TIMEOUT);
  }

  /** Connects, checks the schema (migrating it under an advisory lock), takes this process's owner name. */
  static StoreBackend open(Vertx vertx, NodeConfig config) {
    PgOptions options = options(config.storage().postgresql());
    PgKvStore store = PgKvStore.open(vertx, options, StorageSchema.options());
    PgCacheEvents events = null;
    try {
      events = PgCacheEvents.start(vertx, options);
      // Until the PostgreSQL queue lands (pg-store m2): the key-value queue on PostgreSQL, one owner.
      String owner = "node";
      LOG.info("postgresql: {} (process owner {})", options, owner);
      return new PostgresBackend(store, QueueFactory.owned(owner), events, owner);
    } catch (RuntimeException e) {
      if (events != null) {
        events.close();
      }
      store.close();
      throw e;
    }
  }

  @Override
  public KvStore store() {
    return store;
  }

  @Override
  public QueueFactory queues() {
    return queues;
  }

  @Override
  public CacheEvents cacheEvents() {
    return events;
  }

  @Override
  public String description() {
    PgOptions o = store.options();
    return "postgresql " + o.user() + "@" + o.host() + ":" + o.port() + "/" + o.database() + ", process " + owner;
  }

  @Override
  public String id() {
    return NodeConfig.Storage.Backend.POSTGRESQL.id();
  }

  @Override
  public void close() {
    events.close();
    store.close();
  }
}
