package org.coordo.server.app;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.CacheEvents;
import org.coordo.storage.KvStore;
import org.coordo.storage.LiveProcesses;
import org.coordo.storage.QueueFactory;
import org.coordo.storage.pg.PgDurableQueue;
import org.coordo.storage.pg.PgKvStore;
import org.coordo.storage.pg.PgOwnership;
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
  /** Processes are named {@code process-0}, {@code process-1}, … in their start order (names are reused). */
  static final String OWNER_PREFIX = "process";

  private final PgKvStore store;
  private final QueueFactory queues;
  private final PgCacheEvents events;
  private final PgOwnership owner;
  private final DataDirLock dataDirLock;

  private PostgresBackend(DataDirLock dataDirLock, PgKvStore store, QueueFactory queues, PgCacheEvents events,
      PgOwnership owner) {
    this.dataDirLock = dataDirLock;
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
  static StoreBackend open(Vertx vertx, NodeConfig config, Clock clock) {
    PgOptions options = options(config.storage().postgresql());
    DataDirLock lock = DataDirLock.take(config.dataDir());
    PgKvStore store;
    try {
      store = PgKvStore.open(vertx, options, StorageSchema.options());
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    PgCacheEvents events = null;
    PgOwnership ownership = null;
    try {
      events = PgCacheEvents.start(vertx, options);
      // This process's exclusive name (an advisory lock held on a connection of its own): its queue leases are
      // claimed under it, and what a killed previous holder of the name leased is released at start.
      ownership = PgOwnership.acquire(store, OWNER_PREFIX);
      LOG.info("postgresql: {} (process owner {})", options, ownership.name());
      PgOwnership owner = ownership;
      // the queues claim under the name held now (another one if a process took ours during a PostgreSQL outage)
      QueueFactory queues = (s, jobs, ids, idGenerator) -> new PgDurableQueue((PgKvStore) s, jobs, idGenerator, clock,
          owner);
      return new PostgresBackend(lock, store, queues, events, ownership);
    } catch (RuntimeException e) {
      if (ownership != null) {
        ownership.close();
      }
      if (events != null) {
        events.close();
      }
      store.close();
      lock.close();
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

  /** The owner names {@code process-N} held now: one per live process ({@link PgOwnership#count()}). */
  @Override
  public LiveProcesses liveProcesses() {
    return owner;
  }

  @Override
  public String description() {
    PgOptions o = store.options();
    return "postgresql " + o.user() + "@" + o.host() + ":" + o.port() + "/" + o.database() + ", process " + owner.name();
  }

  @Override
  public String id() {
    return NodeConfig.Storage.Backend.POSTGRESQL.id();
  }

  @Override
  public void close() {
    owner.close();
    events.close();
    store.close();
    dataDirLock.close();
  }
}
