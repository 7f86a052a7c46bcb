package org.coordo.server.service.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.coordo.server.domain.account.UserNames;
import org.coordo.server.service.SlidingWindowLimiter;

/**
 * Counts failed logins per (username, client address) in a sliding window: after {@code
 * maxFailures} failures within {@code window}, further attempts are refused until the oldest of
 * them leaves the window. A successful login clears the count. Password reset requests use the
 * same window per attempt ({@link #take}). The node's {@link SlidingWindowLimiter} keyed by both.
 */
public final class LoginRateLimiter {
  private final SlidingWindowLimiter failures;

  public LoginRateLimiter(int maxFailures, Duration window, Clock clock) {
    this.failures = new SlidingWindowLimiter(maxFailures, window, clock);
  }

  /** 5 failures per 15 minutes. */
  public static LoginRateLimiter standard(Clock clock) {
    return new LoginRateLimiter(5, Duration.ofMinutes(15), clock);
  }

  /** Shares the counts with the node's other processes ({@link SlidingWindowLimiter#share}). */
  public void share(org.coordo.storage.CacheEvents events, String topic) {
    failures.share(events, topic);
  }

  /** How long the caller must wait before trying again, or empty when it may try now. */
  public Optional<Duration> retryAfter(String username, String address) {
    return failures.retryAfter(key(username, address));
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
    failures.record(key(username, address));
  }

  public void recordSuccess(String username, String address) {
    failures.clear(key(username, address));
  }

  private static String key(String username, String address) {
    String user = username == null ? "" : UserNames.normalize(username);
    return user + "\n" + (address == null ? "" : address);
  }
}
