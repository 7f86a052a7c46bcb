package org.coordo.server.service.publication;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous operations one after another per key (concurrently across keys): two edits of
 * the same publication never interleave their read and their write, so index entries stay exact.
 */
final class PerKeySequencer {
  private final Map<String, Future<Void>> tails = new ConcurrentHashMap<>();

  <T> Future<T> run(String key, Supplier<Future<T>> operation) {
    Promise<T> result = Promise.promise();
    Promise<Void> done = Promise.promise();
    Future<Void> mine = done.future();
    Future<Void> previous = tails.put(key, mine);
    Future<Void> start = previous == null ? Future.succeededFuture() : previous;
    start.onComplete(ignored -> {
      Future<T> f;
      try {
        f = operation.get();
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
