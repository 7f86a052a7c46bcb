package org.coordo.federation.delivery;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the delivery worker's code runs: its in-memory state on one Vert.x context (bound by {@link
 * DeliveryWorker#start()}), queue and host-health writes on the worker executor, in submission order.
 */
final class DeliveryThreads {
  // The delivery worker's logger: operators filter delivery lines by it.
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final WorkerExecutor worker;
  private Context context;

  DeliveryThreads(WorkerExecutor worker) {
    this.worker = worker;
  }

  /** The context the worker's state lives on, from now on. */
  void bind(Context ctx) {
    this.context = ctx;
  }

  /** The bound context, or null before start. */
  Context context() {
    return context;
  }

  /** Runs on the worker's context: at once when already there, else posted to it. */
  void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  /** Starts {@code action} on the worker's context and completes with the future it returns. */
  <T> Future<T> onContextFuture(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    onContext(() -> action.get().onComplete(promise));
    return promise.future();
  }

  /** Queue and host-health writes, serialized on the worker executor. */
  <T> Future<T> bookkeeping(Callable<T> work) {
    return worker.executeBlocking(work, true).onFailure(err -> LOG.error("delivery bookkeeping failed", err));
  }
}
