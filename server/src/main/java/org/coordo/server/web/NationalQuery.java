package org.coordo.server.web;

import org.coordo.server.service.aggregation.AgendaFilters;
import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.error.NodeError;
import org.coordo.storage.Cursor;

/**
 * What a national page's URL asks for: {@code ?city=lille&category=MEETING&week=2026-03-09&view=list&cursor=…}.
 * An empty parameter is absent; a week that does not parse is this week (weeks start on Monday, in
 * {@link NodeTime#DEFAULT_ZONE}); a city or category that cannot be one, or a cursor that does not
 * decode, is a 400 page naming it.
 *
 * @param week the Monday of the first week shown
 * @param list whether the events are shown as a list rather than a calendar
 */
record NationalQuery(String city, String category, LocalDate week, boolean list, Cursor cursor) {
  static NationalQuery parse(MultiMap params, Clock clock) {
    String city = AgendaFilters.city(value(params, "city"));
    String category = AgendaFilters.category(value(params, "category"));
    LocalDate today = LocalDate.now(clock.withZone(NodeTime.DEFAULT_ZONE));
    LocalDate week = today;
    String w = value(params, "week");
    if (w != null) {
      try {
        LocalDate asked = LocalDate.parse(w);
        week = asked.getYear() >= 1000 && asked.getYear() <= 9998 ? asked : today;
      } catch (DateTimeParseException e) {
        week = today;
      }
    }
    Cursor cursor = null;
    String c = value(params, "cursor");
    if (c != null) {
      try {
        cursor = Cursor.decode(c);
      } catch (IllegalArgumentException e) {
        throw NodeError.badParameter("cursor", "malformed; use the link to the next page");
      }
      if (cursor.lastKey().length == 0) {
        throw NodeError.badParameter("cursor", "malformed; use the link to the next page");
      }
    }
    return new NationalQuery(city, category, week.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
        "list".equals(value(params, "view")), cursor);
  }

  /** The city and category filters as query parameters ({@code city=…&category=…}), possibly empty. */
  String filters() {
    return join(List.of(param("city", city), param("category", category)));
  }

  /** {@code path} with the filters and {@code extra} parameters (null or empty ones left out). */
  String link(String path, String... extra) {
    StringBuilder q = new StringBuilder(filters());
    for (int i = 0; i + 1 < extra.length; i += 2) {
      String p = param(extra[i], extra[i + 1]);
      if (!p.isEmpty()) {
        q.append(q.length() == 0 ? "" : "&").append(p);
      }
    }
    return q.length() == 0 ? path : path + "?" + q;
  }

  private static String param(String name, String value) {
    return value == null || value.isEmpty() ? "" : name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String join(List<String> parts) {
    return String.join("&", parts.stream().filter(s -> !s.isEmpty()).toList());
  }

  private static String value(MultiMap params, String name) {
    return AgendaFilters.single(params, name);
  }

}
