package org.coordo.server.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.coordo.federation.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {
  final MutableClock clock = MutableClock.fixed();

  @Test
  void refusesBeyondTheLimitUntilTheOldestEventLeavesTheWindow() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(2, Duration.ofMinutes(10), clock);
    assertTrue(limiter.tryAcquire("k").isEmpty());
    clock.advance(Duration.ofMinutes(3));
    assertTrue(limiter.tryAcquire("k").isEmpty());
    assertEquals(Optional.of(Duration.ofMinutes(7)), limiter.tryAcquire("k"));
    assertTrue(limiter.tryAcquire("other").isEmpty(), "keys are counted apart");
    clock.advance(Duration.ofMinutes(7));
    assertTrue(limiter.tryAcquire("k").isEmpty(), "the first event left the window");
    assertTrue(limiter.tryAcquire("k").isPresent(), "a refused attempt was not counted, the second still is");
  }

  @Test
  void clearForgetsAKey() {
    SlidingWindowLimiter limiter = new SlidingWindowLimiter(1, Duration.ofMinutes(10), clock);
    limiter.record("k");
    assertTrue(limiter.retryAfter("k").isPresent());
    limiter.clear("k");
    assertTrue(limiter.retryAfter("k").isEmpty());
  }

  /**
   * Two processes' limiters joined by an in-memory bus with the {@code CacheEvents} contract (a process does not
   * receive its own notices); the PostgreSQL one is shown by {@code multiprocess/TwoProcessesIT}.
   */
  static final class Bus {
    final java.util.List<java.util.Map.Entry<Object, java.util.function.Consumer<String>>> listeners =
        new java.util.ArrayList<>();

    org.coordo.storage.CacheEvents of(Object process) {
      return new org.coordo.storage.CacheEvents() {
        @Override
        public void publish(String topic, String key) {
          listeners.stream().filter(l -> l.getKey() != process).forEach(l -> l.getValue().accept(key));
        }

        @Override
        public void subscribe(String topic, java.util.function.Consumer<String> onChanged) {
          listeners.add(java.util.Map.entry(process, onChanged));
        }
      };
    }
  }

  @Test
  void sharedLimitersCountTheOtherProcessesEventsAndClears() {
    Bus bus = new Bus();
    SlidingWindowLimiter a = new SlidingWindowLimiter(2, Duration.ofMinutes(10), clock);
    SlidingWindowLimiter b = new SlidingWindowLimiter(2, Duration.ofMinutes(10), clock);
    a.share(bus.of(a), "limit-test");
    b.share(bus.of(b), "limit-test");
    a.record("k");
    a.record("k");
    assertTrue(b.retryAfter("k").isPresent(), "B counts what A saw");
    b.clear("k");
    assertTrue(a.retryAfter("k").isEmpty(), "a success on B clears A's count");
    assertTrue(b.tryAcquire("k").isEmpty());
    assertTrue(a.tryAcquire("k").isEmpty());
    assertTrue(a.retryAfter("k").isPresent() && b.retryAfter("k").isPresent(), "one limit for both");
  }
}
