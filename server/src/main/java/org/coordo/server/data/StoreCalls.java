package org.coordo.server.data;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.function.Function;
import org.coordo.storage.KvStore;

/**
 * The one way server code runs synchronous store code (repositories) off the event loop: on a
 * worker thread, its future completed on the caller's context. A running node's is its {@code
 * NodeStorage} (the {@code coordo-storage} pool, refused once the store closes); the command line
 * and tests use {@link #on}.
 */
@FunctionalInterface
public interface StoreCalls {
  <T> Future<T> call(Function<KvStore, T> work);

  /** Store code on {@code worker} (unordered: calls may run in parallel). */
  static StoreCalls on(KvStore store, WorkerExecutor worker) {
    return new StoreCalls() {
      @Override
      public <T> Future<T> call(Function<KvStore, T> work) {
        return worker.executeBlocking(() -> work.apply(store), false);
      }
    };
  }
}
