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
}
