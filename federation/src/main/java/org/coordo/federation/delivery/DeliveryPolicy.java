package org.coordo.federation.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Every timing and limit of outbound delivery, validated and immutable.
 *
 * @param pollInterval how often the worker looks for due jobs when nobody wakes it
 * @param lease how long a claimed job stays invisible to other claims (covers waiting for a host slot
 *     and the request itself). When a process is killed, its restart hands its leased jobs back at once
 *     ({@link org.coordo.storage.DurableQueue#releaseLeases}); the lease only bounds how long the jobs of
 *     a process that never comes back stay out of reach
 * @param claimBatch at most this many jobs claimed (and held in memory) at once
 * @param perHostConcurrency requests in flight to one host at most, for the whole node: each of its live processes
 *     applies its share ({@link #perHostShare})
 * @param globalConcurrency requests in flight in all at most (most of a request's time is the remote server's
 *     round trip, so this, not the CPU, bounds a fan-out to real servers: 128 in flight at ~100 ms each is
 *     ~1,300 deliveries/s, about what RSA signing allows on 2 cores)
 * @param signingConcurrency signatures (RSA, ~1 ms of CPU each) being made at once at most, so that a fan-out
 *     keeps the cores busy without filling the worker pool it shares with the inbox
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout how long a request may stay idle waiting for the answer
 * @param backoffBase the delay after the first failed attempt; doubled each time
 * @param backoffCap the longest delay between two attempts
 * @param jitter the random part of each delay, as a fraction (0.2: up to ±20%)
 * @param maxAttempts attempts after which a job is given up; by default 20: with 30 s doubling capped at
 *     6 h, the 19 waits add up to about 2.9 days (Mastodon gives up after 2–3 days)
 * @param unavailableAfter a host failing without a success for longer than this is marked unavailable
 * @param unavailableDeferral how far the jobs of an unavailable host are pushed back; one probe at a time
 *     still goes through
 * @param maxJobAge a job still deferred (its host unavailable) when older than this is given up
 * @param userAgent the User-Agent header of every delivery
 */
public record DeliveryPolicy(
    Duration pollInterval,
    Duration lease,
    int claimBatch,
    int perHostConcurrency,
    int globalConcurrency,
    int signingConcurrency,
    Duration connectTimeout,
    Duration readTimeout,
    Duration backoffBase,
    Duration backoffCap,
    double jitter,
    int maxAttempts,
    Duration unavailableAfter,
    Duration unavailableDeferral,
    Duration maxJobAge,
    String userAgent) {

  public DeliveryPolicy {
    Objects.requireNonNull(userAgent, "userAgent");
    for (Duration d :
        new Duration[] {pollInterval, lease, connectTimeout, readTimeout, backoffBase, backoffCap, unavailableAfter,
          unavailableDeferral, maxJobAge}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("delivery durations must be positive");
      }
    }
    if (claimBatch < 1 || perHostConcurrency < 1 || globalConcurrency < perHostConcurrency || maxAttempts < 1
        || signingConcurrency < 1) {
      throw new IllegalArgumentException("need claimBatch >= 1, perHostConcurrency >= 1, globalConcurrency >="
          + " perHostConcurrency, signingConcurrency >= 1, maxAttempts >= 1");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
  }

  /**
   * Realistic defaults for a running node: at most 3 requests at once to one host (politeness), 128 in all,
   * 256 jobs claimed at a time, two signatures per core at once.
   */
  public static DeliveryPolicy defaults(String userAgent) {
    return new DeliveryPolicy(
        Duration.ofSeconds(1),
        Duration.ofMinutes(10),
        256,
        3,
        128,
        2 * Runtime.getRuntime().availableProcessors(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        Duration.ofHours(6),
        0.2,
        20,
        Duration.ofDays(3),
        Duration.ofHours(1),
        Duration.ofDays(7),
        userAgent);
  }

  /** Short timings for tests: retries after 1 s, polls every 100 ms, no jitter. */
  public static DeliveryPolicy forTests(String userAgent) {
    return defaults(userAgent)
        .withPollInterval(Duration.ofMillis(100))
        .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 0)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  /**
   * The delay before the next attempt after {@code failedAttempts} failures (1 for the first):
   * {@code base × 2^(n-1)}, capped, then spread by the jitter.
   */
  public Duration backoff(int failedAttempts, Random random) {
    int exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
    double millis = Math.min((double) backoffBase.toMillis() * (1L << exponent), backoffCap.toMillis());
    if (jitter > 0) {
      millis *= 1 + jitter * (2 * random.nextDouble() - 1);
    }
    return Duration.ofMillis(Math.max(1, Math.round(millis)));
  }

  public DeliveryPolicy withPollInterval(Duration d) {
    return new DeliveryPolicy(d, lease, claimBatch, perHostConcurrency, globalConcurrency, signingConcurrency,
        connectTimeout, readTimeout, backoffBase, backoffCap, jitter, maxAttempts, unavailableAfter,
        unavailableDeferral, maxJobAge, userAgent);
  }

  public DeliveryPolicy withBackoff(Duration base, Duration cap, double jitterFraction) {
    return new DeliveryPolicy(pollInterval, lease, claimBatch, perHostConcurrency, globalConcurrency,
        signingConcurrency, connectTimeout, readTimeout, base, cap, jitterFraction, maxAttempts, unavailableAfter,
        unavailableDeferral, maxJobAge, userAgent);
  }

  public DeliveryPolicy withTimeouts(Duration connect, Duration read) {
    return new DeliveryPolicy(pollInterval, lease, claimBatch, perHostConcurrency, globalConcurrency,
        signingConcurrency, connect, read, backoffBase, backoffCap, jitter, maxAttempts, unavailableAfter,
        unavailableDeferral, maxJobAge, userAgent);
  }

  /**
   * The requests in flight to one host one process may have when {@code liveProcesses} processes of the node run
   * (on one PostgreSQL): {@code max(1, perHostConcurrency / liveProcesses)}, rounded down, so that together they
   * stay within the limit (except that each keeps at least one, so more processes than the limit may reach it by
   * that many).
   */
  public int perHostShare(int liveProcesses) {
    return Math.max(1, perHostConcurrency / Math.max(1, liveProcesses));
  }

  public DeliveryPolicy withConcurrency(int perHost, int global) {
    return new DeliveryPolicy(pollInterval, lease, claimBatch, perHost, global, signingConcurrency, connectTimeout,
        readTimeout, backoffBase, backoffCap, jitter, maxAttempts, unavailableAfter, unavailableDeferral, maxJobAge,
        userAgent);
  }

  public DeliveryPolicy withLease(Duration d) {
    return new DeliveryPolicy(pollInterval, d, claimBatch, perHostConcurrency, globalConcurrency, signingConcurrency,
        connectTimeout, readTimeout, backoffBase, backoffCap, jitter, maxAttempts, unavailableAfter,
        unavailableDeferral, maxJobAge, userAgent);
  }

  /** At most {@code signatures} signatures being made at once. */
  public DeliveryPolicy withSigningConcurrency(int signatures) {
    return new DeliveryPolicy(pollInterval, lease, claimBatch, perHostConcurrency, globalConcurrency, signatures,
        connectTimeout, readTimeout, backoffBase, backoffCap, jitter, maxAttempts, unavailableAfter,
        unavailableDeferral, maxJobAge, userAgent);
  }

  public DeliveryPolicy withMaxAttempts(int attempts) {
    return new DeliveryPolicy(pollInterval, lease, claimBatch, perHostConcurrency, globalConcurrency,
        signingConcurrency, connectTimeout, readTimeout, backoffBase, backoffCap, jitter, attempts, unavailableAfter,
        unavailableDeferral, maxJobAge, userAgent);
  }

  public DeliveryPolicy withUnavailability(Duration after, Duration deferral) {
    return new DeliveryPolicy(pollInterval, lease, claimBatch, perHostConcurrency, globalConcurrency,
        signingConcurrency, connectTimeout, readTimeout, backoffBase, backoffCap, jitter, maxAttempts, after, deferral,
        maxJobAge, userAgent);
  }

  public DeliveryPolicy withMaxJobAge(Duration age) {
    return new DeliveryPolicy(pollInterval, lease, claimBatch, perHostConcurrency, globalConcurrency,
        signingConcurrency, connectTimeout, readTimeout, backoffBase, backoffCap, jitter, maxAttempts, unavailableAfter,
        unavailableDeferral, age, userAgent);
  }
}
