package org.coordo.federation.testkit;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one place tests wait: for a condition (polled with a deadline) or for a future. Call from the
 * test thread, never from an event loop.
 */
public final class Await {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private Await() {}

  /** Polls until the condition holds; fails the test with {@code what} at the deadline. */
  public static void until(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException | AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out waiting for: " + what, e);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  public static void until(BooleanSupplier condition, Duration timeout) {
    until("condition", condition, timeout);
  }

  public static void until(String what, BooleanSupplier condition) {
    until(what, condition, DEFAULT_TIMEOUT);
  }

  /** Polls until {@code value} returns non-null and returns it. */
  public static <T> T value(String what, Supplier<T> value) {
    Object[] holder = new Object[1];
    until(what, () -> (holder[0] = value.get()) != null);
    @SuppressWarnings("unchecked")
    T t = (T) holder[0];
    return t;
  }

  /** The future's result; its failure is rethrown (unwrapped) as an unchecked exception. */
  public static <T> T result(Future<T> future) {
    return result(future, DEFAULT_TIMEOUT);
  }

  public static <T> T result(Future<T> future, Duration timeout) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (TimeoutException e) {
      throw new AssertionError("future not completed within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable failure(Future<?> future) {
    try {
      result(future);
    } catch (RuntimeException | Error e) {
      if (e instanceof AssertionError ae && ae.getMessage() != null && ae.getMessage().startsWith("future not completed")) {
        throw ae;
      }
      return e;
    }
    throw new AssertionError("expected the future to fail, it succeeded");
  }
}
