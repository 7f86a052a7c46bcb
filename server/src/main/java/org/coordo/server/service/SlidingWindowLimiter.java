package org.coordo.server.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.storage.CacheEvents;

/**
 * Counts events per key in a sliding window: after {@code max} events within {@code window},
 * {@link #retryAfter} says how long until the oldest leaves it. The node's one rate limiter (failed
 * logins, subscription forms per client address and per mail address). Kept in memory (a restart
 * forgets it); bounded by dropping stale keys when it grows. Shared between the processes of one node
 * through {@link #share}.
 */
public final class SlidingWindowLimiter {
  private static final int PURGE_ABOVE = 10_000;

  private final int max;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> times = new ConcurrentHashMap<>();
  /** Where counted events are announced to the node's other processes (none by default). */
  private volatile CacheEvents events = CacheEvents.NONE;
  private volatile String topic = "";
  /** A notice that a key was cleared (a successful login) rather than counted. */
  private static final String CLEARED = "\u0001clear\u0001";

  public SlidingWindowLimiter(int max, Duration window, Clock clock) {
    if (max < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("need at least one event and a positive window");
    }
    this.max = max;
    this.window = window;
    this.clock = clock;
  }

  /** How long the caller must wait before trying again, or empty when it may try now. */
  public Optional<Duration> retryAfter(String key) {
    Deque<Instant> times = this.times.get(key);
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      Instant now = clock.instant();
      prune(times, now);
      if (times.size() < max) {
        return Optional.empty();
      }
      Duration wait = Duration.between(now, times.peekFirst().plus(window));
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
  }

  /**
   * Shares this limiter with the node's other processes (several processes on PostgreSQL): each event counted
   * or cleared here is announced on {@code topic}, and the events the others announce are counted here, so a
   * client spreading its attempts over the processes meets one limit. Announcements are best effort (a process
   * disconnected from the database meanwhile misses some): the limit then holds per process at worst.
   */
  public void share(CacheEvents cacheEvents, String topic) {
    this.events = cacheEvents;
    this.topic = topic;
    cacheEvents.subscribe(topic, notice -> {
      if (notice.startsWith(CLEARED)) {
        times.remove(notice.substring(CLEARED.length()));
      } else {
        count(notice);
      }
    });
  }

  /** Counts one event for {@code key}. */
  public void record(String key) {
    count(key);
    events.publish(topic, key);
  }

  private void count(String key) {
    if (times.size() > PURGE_ABOVE) {
      purge();
    }
    Deque<Instant> times = this.times.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      Instant now = clock.instant();
      prune(times, now);
      times.addLast(now);
    }
  }

  /**
   * Counts one event and says whether it was still allowed (the wait otherwise, the event then not
   * counted): check and record in one step.
   */
  public Optional<Duration> tryAcquire(String key) {
    Optional<Duration> wait = retryAfter(key);
    if (wait.isEmpty()) {
      record(key);
    }
    return wait;
  }

  /** Forgets {@code key}'s events. */
  public void clear(String key) {
    if (times.remove(key) != null) {
      events.publish(topic, CLEARED + key);
    }
  }

  private void prune(Deque<Instant> times, Instant now) {
    Instant horizon = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
      times.removeFirst();
    }
  }

  private void purge() {
    Instant now = clock.instant();
    times.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        prune(e.getValue(), now);
        return e.getValue().isEmpty();
      }
    });
  }
}
