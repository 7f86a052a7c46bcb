package org.coordo.server.domain.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeThrottleTest {
  static final Duration HOUR = Duration.ofHours(1);
  static final Instant T0 = Instant.parse("2026-03-08T10:00:00Z");

  @Test
  void whatWaitsMeanwhileAddsUpPerCollectiveAndIsClearedBySending() {
    NoticeThrottle t = NoticeThrottle.NEVER.sentAt(T0)
        .adding("grenoble", NoticeThrottle.Waiting.REPLY)
        .adding("grenoble", NoticeThrottle.Waiting.REPLY)
        .adding("grenoble", NoticeThrottle.Waiting.INVITATION)
        .adding("lyon", NoticeThrottle.Waiting.FOLLOW)
        .adding("national", NoticeThrottle.Waiting.JOIN);
    assertEquals(Map.of("grenoble", new NoticeThrottle.Waiting(2, 0, 1, 0), "lyon", new NoticeThrottle.Waiting(0, 1, 0, 0),
        "national", new NoticeThrottle.Waiting(0, 0, 0, 1)), t.waiting());
    assertEquals(Map.of(), t.sentAt(T0.plus(HOUR)).waiting());
  }

  @Test
  void aNoticeMayLeaveOnceAnHour() {
    assertTrue(NoticeThrottle.NEVER.mayNotifyAt(T0, HOUR), "never told: at once");
    NoticeThrottle sent = NoticeThrottle.NEVER.sentAt(T0);
    assertFalse(sent.mayNotifyAt(T0.plus(Duration.ofMinutes(59)), HOUR));
    assertTrue(sent.mayNotifyAt(T0.plus(HOUR), HOUR));
  }
}
