package org.coordo.federation;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after another per key, and concurrently across keys. The inbox
 * processes one remote actor's activities in arrival order (a Follow and its Undo never race); the
 * server serialises the edits of one publication so that its index entries stay exact.
 */
public final class KeyedSequencer {
  private final Map<String, Future<Void>> tails = new ConcurrentHashMap<>();

  /** Runs {@code task} once every earlier task of the same key has finished, whatever its outcome. */
  public <T> Future<T> run(String key, Supplier<Future<T>> task) {
    Promise<T> result = Promise.promise();
    Promise<Void> done = Promise.promise();
    Future<Void> mine = done.future();
    Future<Void> previous = tails.put(key, mine);
    Future<Void> start = previous == null ? Future.succeededFuture() : previous.transform(ar -> Future.succeededFuture());
    start.onComplete(ignored -> {
      Future<T> f;
      try {
        f = task.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        tails.remove(key, mine);
        done.complete();
        result.handle(ar);
      });
    });
    return result.future();
  }
}
