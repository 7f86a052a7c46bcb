package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.coordo.server.error.NodeError;
import org.junit.jupiter.api.Test;

class NationalQueryTest {
  static final Clock SATURDAY = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);

  static NationalQuery parse(String... namesAndValues) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return NationalQuery.parse(m, SATURDAY);
  }

  @Test
  void weeksStartOnMondayAndAWeekThatDoesNotParseIsThisWeek() {
    assertEquals(LocalDate.of(2026, 11, 30), parse().week());
    assertEquals(LocalDate.of(2026, 12, 7), parse("week", "2026-12-10").week());
    assertEquals(LocalDate.of(2026, 11, 30), parse("week", "next tuesday").week());
    assertEquals(LocalDate.of(2026, 11, 30), parse("week", "0001-01-01").week());
  }

  @Test
  void filtersAreNormalisedAndCarriedByEveryLink() {
    NationalQuery q = parse("city", "Lyon", "category", "meeting", "view", "list");
    assertEquals("lyon", q.city());
    assertEquals("MEETING", q.category());
    assertTrue(q.list());
    assertEquals("/national/feed.rss?city=lyon&category=MEETING", q.link("/national/feed.rss"));
    assertEquals("/?city=lyon&category=MEETING&week=2026-11-30", q.link("/", "week", "2026-11-30", "view", null));
    assertEquals("/national/agenda.ics", parse().link("/national/agenda.ics"));
    assertFalse(parse("city", "").link("/").contains("city"));
  }

  @Test
  void aCityOrCategoryThatCannotBeOneIsA400NamingIt() {
    NodeError city = assertThrows(NodeError.class, () -> parse("city", "<script>"));
    assertEquals(400, city.status());
    assertTrue(city.safeMessage().startsWith("city"), city.safeMessage());
    assertEquals(400, assertThrows(NodeError.class, () -> parse("category", "a b")).status());
    assertEquals(400, assertThrows(NodeError.class, () -> parse("city", "lyon", "city", "lille")).status());
    assertEquals(400, assertThrows(NodeError.class, () -> parse("cursor", "!!")).status());
  }
}
