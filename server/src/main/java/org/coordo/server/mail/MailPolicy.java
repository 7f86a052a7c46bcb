package org.coordo.server.mail;

import java.time.Duration;

/**
 * How the mail worker paces and retries (docs/MAIL.md).
 *
 * @param pollInterval how often the worker refills its rate budget and looks for due messages
 * @param lease how long a claimed message is the worker's before it is due again (a process that died
 *     mid-send; a restart hands leases back at once)
 * @param firstRetry the delay after the first temporary failure; it doubles with each attempt
 * @param maxRetry the longest delay between two attempts
 * @param maxAge how long a message keeps being retried after it was accepted; then it is dropped and logged
 * @param bounceThreshold permanent failures after which an address is {@linkplain MailQueue#bouncing bouncing}
 * @param maxInFlight messages handed to the transport at once, at most
 */
public record MailPolicy(Duration pollInterval, Duration lease, Duration firstRetry, Duration maxRetry,
    Duration maxAge, int bounceThreshold, int maxInFlight) {

  /** Three permanent failures make an address bouncing; a later success clears it. */
  public static final int BOUNCE_THRESHOLD = 3;

  /** Production: retries after 1, 2, 4 … minutes, at most an hour apart, for 3 days. */
  public static MailPolicy defaults() {
    return new MailPolicy(Duration.ofMillis(100), Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(1),
        Duration.ofDays(3), BOUNCE_THRESHOLD, 16);
  }

  /** Whole-node tests and the demo: the same rules on a short scale (retries after 50, 100 … ms, at most 1 s). */
  public static MailPolicy fast() {
    return new MailPolicy(Duration.ofMillis(20), Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofSeconds(1),
        Duration.ofMinutes(1), BOUNCE_THRESHOLD, 16);
  }

  /** The delay before the next attempt, after {@code attempts} attempts (1 or more). */
  public Duration backoff(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    long millis = firstRetry.toMillis() << doublings;
    return millis <= 0 || millis > maxRetry.toMillis() ? maxRetry : Duration.ofMillis(millis);
  }

  public MailPolicy withMaxAge(Duration age) {
    return new MailPolicy(pollInterval, lease, firstRetry, maxRetry, age, bounceThreshold, maxInFlight);
  }
}
