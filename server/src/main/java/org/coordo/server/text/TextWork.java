package org.coordo.server.text;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.coordo.server.error.NodeError;

/**
 * Where sanitising and rendering run: never on an event loop. {@link #on} runs them on the node's
 * named {@value #WORKER} pool within a time budget: past it, the future fails with a 422
 * {@link NodeError} (the work itself, bounded by {@link MarkupLimits}, finishes on its
 * worker and is dropped).
 */
@FunctionalInterface
public interface TextWork {
  /** The named worker pool of text work. */
  String WORKER = "coordo-text";
  /** Threads of {@value #WORKER}. */
  int THREADS = 2;
  /** How long a text may take to sanitise or render. */
  Duration BUDGET = Duration.ofSeconds(2);
  /** The message of a text that took longer than the budget. */
  String TOO_SLOW = "texte trop complexe à mettre en forme / text too complex to render";

  /** Runs CPU-bound text work off the event loop; completes on the caller's context. */
  <T> Future<T> run(Callable<T> work);

  /** The {@value #WORKER} pool of {@code vertx} (shared by name: each caller closes its own handle). */
  static TextWork on(Vertx vertx) {
    WorkerExecutor pool = vertx.createSharedWorkerExecutor(WORKER, THREADS, BUDGET.toMillis() * 5, TimeUnit.MILLISECONDS);
    return new TextWork() {
      @Override
      public <T> Future<T> run(Callable<T> work) {
        Promise<T> done = Promise.promise();
        long timer = vertx.setTimer(BUDGET.toMillis(), t -> done.tryFail(NodeError.tooComplex(TOO_SLOW)));
        pool.<T>executeBlocking(work, false).onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            done.tryComplete(ar.result());
          } else {
            done.tryFail(ar.cause());
          }
        });
        return done.future();
      }
    };
  }

  /** Runs the work where the caller is, for unit tests of pure code that have no Vert.x. */
  static TextWork inline() {
    return new TextWork() {
      @Override
      public <T> Future<T> run(Callable<T> work) {
        try {
          return Future.succeededFuture(work.call());
        } catch (Exception | StackOverflowError e) {
          return Future.failedFuture(e);
        }
      }
    };
  }
}
