package org.coordo.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.coordo.server.error.NodeError;
import org.junit.jupiter.api.Test;

class FeedQueryTest {
  private static MultiMap params(String... pairs) {
    MultiMap map = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      map.add(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static String refusal(String... pairs) {
    NodeError e = assertThrows(NodeError.class, () -> FeedQuery.parse(params(pairs)));
    assertEquals(400, e.status());
    return e.safeMessage();
  }

  @Test
  void parsesEveryFilter() {
    FeedQuery q = FeedQuery.parse(params("city", "Grenoble", "category", "MEETING", "from", "2026-03-01",
        "to", "2026-03-31", "limit", "20", "_", "cachebuster"));
    assertEquals(new FeedQuery("grenoble", "MEETING", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), 20), q);
  }

  @Test
  void absentOrEmptyParametersGiveDefaults() {
    assertEquals(FeedQuery.none(), FeedQuery.parse(params()));
    FeedQuery q = FeedQuery.parse(params("city", "", "from", "  ", "limit", ""));
    assertNull(q.city());
    assertNull(q.from());
    assertEquals(FeedQuery.DEFAULT_LIMIT, q.limit());
  }

  @Test
  void badValuesAre400sThatNameTheParameter() {
    assertEquals("from: expected a date like 2026-03-14", refusal("from", "notadate"));
    assertEquals("to: expected a date like 2026-03-14", refusal("to", "2026-02-30"));
    assertEquals("from: expected a date like 2026-03-14", refusal("from", "+12026-03-14"));
    assertEquals("from: expected a date like 2026-03-14", refusal("from", "2026-03-14T10:00:00Z"));
    assertEquals("to: must be on or after from (2026-03-14)", refusal("from", "2026-03-14", "to", "2026-03-13"));
    assertEquals("limit: expected a whole number from 1 to 200", refusal("limit", "0"));
    assertEquals("limit: expected a whole number from 1 to 200", refusal("limit", "201"));
    assertEquals("limit: expected a whole number from 1 to 200", refusal("limit", "-5"));
    assertEquals("limit: expected a whole number from 1 to 200", refusal("limit", "99999999999999"));
    assertEquals("limit: expected a whole number from 1 to 200", refusal("limit", "ten"));
    assertEquals("city: expected a collective name like grenoble", refusal("city", "../etc"));
    assertEquals("category: expected a category like MEETING", refusal("category", "<b>"));
    assertEquals("city: given more than once", refusal("city", "a", "city", "b"));
  }

  @Test
  void theCallerSetsTheLimits() {
    assertEquals(10, FeedQuery.parse(params(), 10, 30).limit());
    NodeError e = assertThrows(NodeError.class, () -> FeedQuery.parse(params("limit", "31"), 10, 30));
    assertEquals("limit: expected a whole number from 1 to 30", e.safeMessage());
  }

  @Test
  void itemsMatchCityCategoryAndDaysInTheZone() {
    FeedItem call = FeedFixtures.call(); // published 2026-03-01T09:30Z, city grenoble, CAUSES
    assertTrue(FeedQuery.none().matches(call, FeedFixtures.PARIS));
    assertTrue(new FeedQuery("grenoble", "causes", null, null, 5).matches(call, FeedFixtures.PARIS));
    assertFalse(new FeedQuery("lyon", null, null, null, 5).matches(call, FeedFixtures.PARIS));
    assertFalse(new FeedQuery(null, "MEETING", null, null, 5).matches(call, FeedFixtures.PARIS));
    LocalDate march1 = LocalDate.of(2026, 3, 1);
    assertTrue(new FeedQuery(null, null, march1, march1, 5).matches(call, FeedFixtures.PARIS));
    assertFalse(new FeedQuery(null, null, march1.plusDays(1), null, 5).matches(call, FeedFixtures.PARIS));
  }

  @Test
  void eventsMatchWhenTheyMeetTheDaysInTheirOwnZone() {
    CalendarEvent e = FeedFixtures.event(); // 2026-03-14 14:00-17:30 Paris
    LocalDate day = LocalDate.of(2026, 3, 14);
    assertTrue(new FeedQuery(null, "MEETING", day, day, 5).matches(e, "grenoble"));
    assertFalse(new FeedQuery(null, null, day.plusDays(1), null, 5).matches(e, "grenoble"));
    assertFalse(new FeedQuery(null, null, null, day.minusDays(1), 5).matches(e, "grenoble"));
    assertFalse(new FeedQuery("lyon", null, null, null, 5).matches(e, "grenoble"));
    // 23:30 UTC on the 13th is already the 14th in Paris.
    CalendarEvent late = new CalendarEvent(e.uid(), null, "x", null, Instant.parse("2026-03-13T23:30:00Z"), null,
        FeedFixtures.PARIS, null, null, null, e.status(), 0, null, null, List.of(), null, null);
    assertTrue(new FeedQuery(null, null, day, day, 5).matches(late, null));
  }
}
