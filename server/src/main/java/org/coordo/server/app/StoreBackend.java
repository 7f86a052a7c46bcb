package org.coordo.server.app;

import io.vertx.core.Vertx;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.CacheEvents;
import org.coordo.storage.KvStore;
import org.coordo.storage.LiveProcesses;
import org.coordo.storage.QueueFactory;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * The store a node runs on, opened as {@code storage.backend} says, with what depends on the backend: the
 * durable queues' factory (the owner this process claims under), the channel that tells the node's other
 * processes to drop a cached entry ({@link CacheEvents}), and a one-line description for the start log.
 *
 * <p>RocksDB: the embedded database in {@code dataDir/db}, one process (RocksDB locks the directory), queues
 * owned by that process, no other process to tell. PostgreSQL: see {@code PostgresBackend}.
 */
public interface StoreBackend extends AutoCloseable {

  KvStore store();

  QueueFactory queues();

  CacheEvents cacheEvents();

  /** The node's processes alive on this store now (the per-host delivery limit is divided among them). */
  LiveProcesses liveProcesses();

  /** For the start log and {@code /health}: backend and, on a shared database, this process's owner name. */
  String description();

  /** The backend's id, as in {@code storage.backend}. */
  String id();

  /** Closes the store and whatever the backend holds (connections, owner lock). Idempotent. */
  @Override
  void close();

  /** Opens the configured backend. Blocking (disk, network): call it on a worker thread. */
  static StoreBackend open(Vertx vertx, NodeConfig config, java.time.Clock clock) {
    return switch (config.storage().backend()) {
      case ROCKSDB -> rocksdb(RocksKvStore.open(new DataDir(config.dataDir()).db(), StorageSchema.options()));
      case POSTGRESQL -> PostgresBackend.open(vertx, config, clock);
    };
  }

  /** A RocksDB store already open (the data directory's database). */
  static StoreBackend rocksdb(KvStore store) {
    return new StoreBackend() {
      @Override
      public KvStore store() {
        return store;
      }

      @Override
      public QueueFactory queues() {
        return QueueFactory.singleProcess();
      }

      @Override
      public CacheEvents cacheEvents() {
        return CacheEvents.NONE;
      }

      @Override
      public LiveProcesses liveProcesses() {
        return LiveProcesses.ONE;
      }

      @Override
      public String description() {
        return "rocksdb (embedded, one process)";
      }

      @Override
      public String id() {
        return NodeConfig.Storage.Backend.ROCKSDB.id();
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }
}
