package org.coordo.server.service.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.server.domain.account.UserNames;

/**
 * Counts failed logins per (username, client address) in a sliding window: after {@code
 * maxFailures} failures within {@code window}, further attempts are refused until the oldest of
 * them leaves the window. A successful login clears the count. Password reset requests use the
 * same window per attempt ({@link #take}). Kept in memory (a restart forgets
 * it); bounded by dropping stale entries when it grows.
 */
public final class LoginRateLimiter {
  private static final int PURGE_ABOVE = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginRateLimiter(int maxFailures, Duration window, Clock clock) {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("need at least one failure and a positive window");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** 5 failures per 15 minutes. */
  public static LoginRateLimiter standard(Clock clock) {
    return new LoginRateLimiter(5, Duration.ofMinutes(15), clock);
  }

  /** How long the caller must wait before trying again, or empty when it may try now. */
  public Optional<Duration> retryAfter(String username, String address) {
    Deque<Instant> times = failures.get(key(username, address));
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      Instant now = clock.instant();
      prune(times, now);
      if (times.size() < maxFailures) {
        return Optional.empty();
      }
      Duration wait = Duration.between(now, times.peekFirst().plus(window));
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
  }

  /**
   * Counts one attempt unless the limit is reached: for what is limited per attempt rather than
   * per failure (password reset requests). Empty when the attempt may go ahead, else how long to wait.
   */
  public Optional<Duration> take(String username, String address) {
    Optional<Duration> wait = retryAfter(username, address);
    if (wait.isEmpty()) {
      recordFailure(username, address);
    }
    return wait;
  }

  public void recordFailure(String username, String address) {
    if (failures.size() > PURGE_ABOVE) {
      purge();
    }
    Deque<Instant> times = failures.computeIfAbsent(key(username, address), k -> new ArrayDeque<>());
    synchronized (times) {
      Instant now = clock.instant();
      prune(times, now);
      times.addLast(now);
    }
  }

  public void recordSuccess(String username, String address) {
    failures.remove(key(username, address));
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant horizon = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
      times.removeFirst();
    }
  }

  private void purge() {
    Instant now = clock.instant();
    failures.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        prune(e.getValue(), now);
        return e.getValue().isEmpty();
      }
    });
  }

  private static String key(String username, String address) {
    String user = username == null ? "" : UserNames.normalize(username);
    return user + "\n" + (address == null ? "" : address);
  }
}
