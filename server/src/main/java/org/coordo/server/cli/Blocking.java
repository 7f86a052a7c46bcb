package org.coordo.server.cli;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commands run on the main thread, outside any event loop, and may wait for a node's futures. A
 * failure is rethrown as it was when it is unchecked, wrapped otherwise.
 */
public final class Blocking {
  private Blocking() {}

  public static <T> T await(Future<T> future, Duration timeout) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s", e);
    }
  }
}
