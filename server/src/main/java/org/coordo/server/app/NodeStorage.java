package org.coordo.server.app;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.function.Function;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.error.NodeError;
import org.coordo.storage.KvStore;

/**
 * The node's open store behind the {@code coordo-storage} worker pool: the only way HTTP code
 * reaches the database. {@link #call} runs synchronous store code on a worker thread and completes
 * its future on the caller's context.
 */
public final class NodeStorage implements StoreCalls {
  private final KvStore store;
  private final WorkerExecutor worker;
  private final int schemaVersion;
  private volatile boolean open = true;

  NodeStorage(KvStore store, WorkerExecutor worker) {
    this.store = store;
    this.worker = worker;
    this.schemaVersion = store.schemaVersion();
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

  /** Refuses new calls, then closes the store on a worker thread. */
  Future<Void> close() {
    open = false;
    return worker.executeBlocking(() -> {
      store.close();
      return null;
    }, false);
  }
}
