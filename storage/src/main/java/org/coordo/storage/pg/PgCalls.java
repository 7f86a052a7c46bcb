package org.coordo.storage.pg;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.coordo.storage.StorageException;

/**
 * The one place where the synchronous storage interfaces wait for the reactive PostgreSQL client, and
 * where its failures become {@link StorageException}s. Messages name the operation, the keyspace and
 * PostgreSQL's SQLSTATE and message, never key or value bytes (PostgreSQL's DETAIL, which may quote a
 * key, is left out).
 */
final class PgCalls {
  private PgCalls() {}

  /**
   * Waits for {@code future} on the calling thread. Refuses to run on a Vert.x event loop: storage
   * calls are blocking and belong on worker threads.
   */
  static <T> T await(Future<T> future, Duration timeout, String operation, String keyspace) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("blocking PostgreSQL storage call (" + operation + ") on an event loop");
    }
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(what(operation, keyspace) + " interrupted", e);
    } catch (TimeoutException e) {
      throw new StorageException(
          what(operation, keyspace) + ": PostgreSQL did not answer within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw wrap(operation, keyspace, e.getCause());
    }
  }

  static StorageException wrap(String operation, String keyspace, Throwable cause) {
    if (cause instanceof StorageException storage) {
      return storage;
    }
    if (cause instanceof PgException pg) {
      return new StorageException(
          what(operation, keyspace) + " failed: PostgreSQL error " + pg.getSqlState() + ": " + pg.getErrorMessage(),
          cause);
    }
    String reason = cause == null ? "unknown error" : cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    return new StorageException(what(operation, keyspace) + " failed: PostgreSQL unavailable (" + reason + ")", cause);
  }

  private static String what(String operation, String keyspace) {
    return keyspace == null ? "PostgreSQL " + operation : "PostgreSQL " + operation + " in keyspace '" + keyspace + "'";
  }
}
