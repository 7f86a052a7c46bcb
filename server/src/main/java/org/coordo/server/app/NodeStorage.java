package org.coordo.server.app;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.function.Function;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.error.NodeError;
import org.coordo.storage.CacheEvents;
import org.coordo.storage.KvStore;
import org.coordo.storage.LiveProcesses;
import org.coordo.storage.QueueFactory;
import org.coordo.storage.StoreOptions;

/**
 * The node's open store behind the {@code coordo-storage} worker pool: the only way HTTP code
 * reaches the database. {@link #call} runs synchronous store code on a worker thread and completes
 * its future on the caller's context.
 */
public final class NodeStorage implements StoreCalls {
  /** A key nobody writes: {@link #probe} reads it (a miss is as good a round trip as a hit). */
  private static final byte[] PROBE_KEY = "health-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final StoreBackend backend;
  private final KvStore store;
  private final WorkerExecutor worker;
  private final int schemaVersion;
  private volatile boolean open = true;

  NodeStorage(StoreBackend backend, WorkerExecutor worker) {
    this.backend = backend;
    this.store = backend.store();
    this.worker = worker;
    this.schemaVersion = store.schemaVersion();
  }

  /** An open RocksDB store (tests). */
  NodeStorage(KvStore store, WorkerExecutor worker) {
    this(StoreBackend.rocksdb(store), worker);
  }

  /**
   * Runs {@code work} on a storage worker (unordered: calls run in parallel). Fails with 503 once
   * the store is closing.
   */
  @Override
  public <T> Future<T> call(Function<KvStore, T> work) {
    if (!open) {
      return Future.failedFuture(NodeError.unavailable("storage is not open"));
    }
    return worker.executeBlocking(() -> work.apply(store), false);
  }

  public boolean isOpen() {
    return open;
  }

  /** The schema version the store was opened at. */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** Where the node's durable queues live, and under which owner this process claims. */
  public QueueFactory queues() {
    return backend.queues();
  }

  /** How this process tells the node's other processes (if any) that a cached record changed. */
  public CacheEvents cacheEvents() {
    return backend.cacheEvents();
  }

  /** How many processes of this node run now on its store (1 on RocksDB). */
  public LiveProcesses liveProcesses() {
    return backend.liveProcesses();
  }

  /** The backend's id ({@code rocksdb}, {@code postgresql}). */
  public String backendId() {
    return backend.id();
  }

  /** Whether other processes of this node may share the store (every backend but RocksDB). */
  public boolean shared() {
    return !NodeConfig.Storage.Backend.ROCKSDB.id().equals(backend.id());
  }

  /** The backend, in a few words (start log, {@code /health}). */
  public String description() {
    return backend.description();
  }

  /**
   * One trivial read on a storage worker; completes with how long it took in microseconds, or fails (the store is
   * closed or unreachable).
   */
  public Future<Long> probe() {
    return call(s -> {
      long started = System.nanoTime();
      s.keyspace(StoreOptions.META).find(PROBE_KEY);
      return (System.nanoTime() - started) / 1000;
    });
  }

  /** Refuses new calls, then closes the store on a worker thread. */
  Future<Void> close() {
    open = false;
    return worker.executeBlocking(() -> {
      backend.close();
      return null;
    }, false);
  }
}
