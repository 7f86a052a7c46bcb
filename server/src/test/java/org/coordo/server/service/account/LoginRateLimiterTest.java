package org.coordo.server.service.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.coordo.federation.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

  @Test
  void takeCountsEveryAttemptAndRefusesPastTheLimitUntilTheWindowMoves() {
    MutableClock clock = MutableClock.fixed();
    LoginRateLimiter perAddress = new LoginRateLimiter(3, Duration.ofHours(1), clock);
    for (int i = 0; i < 3; i++) {
      assertEquals(Optional.empty(), perAddress.take("", "203.0.113.7"), "attempt " + (i + 1));
      clock.advance(Duration.ofMinutes(10));
    }
    Optional<Duration> wait = perAddress.take("", "203.0.113.7");
    assertEquals(Optional.of(Duration.ofMinutes(30)), wait, "the oldest attempt leaves the window in 30 minutes");
    assertEquals(Optional.empty(), perAddress.take("", "198.51.100.1"), "another client is not held back");
    clock.advance(Duration.ofMinutes(30));
    assertTrue(perAddress.take("", "203.0.113.7").isEmpty(), "a refused attempt does not count");
  }
}
