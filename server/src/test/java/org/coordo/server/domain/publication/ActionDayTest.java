package org.coordo.server.domain.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A day of action's rules: its range in order and bounded, its theme short and on one line. */
class ActionDayTest {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDate OCT9 = LocalDate.parse("2026-10-09");

  @Test
  void aSingleDayOrAnOrderedRangeIsADayOfAction() {
    assertTrue(ActionDay.problems(OCT9, null, "Retraites").isEmpty());
    assertTrue(ActionDay.problems(OCT9, OCT9.plusDays(30), "Retraites").isEmpty(), "31 days is the longest");
    ActionDay single = new ActionDay(OCT9, OCT9, "  Retraites ", PARIS);
    assertNull(single.lastDay(), "a range of one day is a single day");
    assertEquals("Retraites", single.theme());
    assertEquals(OCT9, single.endDay());
    assertEquals("2026-10-09T00:00+02:00[Europe/Paris]", single.start().toString());
    assertEquals("2026-10-10T00:00+02:00[Europe/Paris]", single.end().toString());
    assertFalse(single.isOverOn(OCT9));
    assertTrue(single.isOverOn(OCT9.plusDays(1)));
  }

  @Test
  void aRangeEndingBeforeItStartsOrTooLongIsRefusedOnItsLastDay() {
    assertEquals(Set.of("lastDay"), ActionDay.problems(OCT9, OCT9.minusDays(1), "Retraites").keySet());
    assertEquals(Set.of("lastDay"), ActionDay.problems(OCT9, OCT9.plusDays(31), "Retraites").keySet());
    assertThrows(IllegalArgumentException.class, () -> new ActionDay(OCT9, OCT9.minusDays(1), "Retraites", PARIS));
  }

  @Test
  void datesOutOfBoundsAreRefused() {
    assertEquals(Set.of("firstDay"), ActionDay.problems(LocalDate.parse("1999-12-31"), null, "x").keySet());
    assertEquals(Set.of("firstDay"), ActionDay.problems(LocalDate.parse("2101-01-01"), null, "x").keySet());
    assertEquals(Set.of("firstDay"), ActionDay.problems(null, null, "x").keySet());
    assertEquals(Set.of("lastDay"), ActionDay.problems(OCT9, LocalDate.parse("2101-01-01"), "x").keySet());
  }

  @Test
  void theThemeIsRequiredShortAndOneLine() {
    assertEquals(Set.of("theme"), ActionDay.problems(OCT9, null, null).keySet());
    assertEquals(Set.of("theme"), ActionDay.problems(OCT9, null, "   ").keySet());
    assertTrue(ActionDay.problems(OCT9, null, "é".repeat(ActionDay.MAX_THEME)).isEmpty());
    assertEquals(Set.of("theme"), ActionDay.problems(OCT9, null, "é".repeat(ActionDay.MAX_THEME + 1)).keySet());
    assertEquals(Set.of("theme"), ActionDay.problems(OCT9, null, "Retraites\nsuite").keySet());
  }
}
