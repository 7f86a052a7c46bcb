package org.coordo.server.api.aggregation;

import org.coordo.server.service.aggregation.AgendaFilters;
import io.vertx.core.MultiMap;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.error.NodeError;
import org.coordo.storage.Cursor;

/** Query parameters of the agenda and national listings; a bad one is a 400 that names it. */
final class AggregationParams {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private AggregationParams() {}

  static String city(MultiMap params) {
    return AgendaFilters.city(single(params, "city"));
  }

  static String category(MultiMap params) {
    return AgendaFilters.category(single(params, "category"));
  }

  /** Years a date parameter may name: what {@code 2026-03-14} can spell, so instants stay in range. */
  static final int MIN_YEAR = 1;
  static final int MAX_YEAR = 9999;

  /**
   * A date ({@code 2026-03-14}, midnight in Paris) or a date-time with offset
   * ({@code 2026-03-14T18:00:00+01:00}); {@code endOfDay} takes the end of a plain date. A value that
   * does not parse, or names a year outside 1–9999, is a 400 naming the parameter.
   */
  static Instant time(MultiMap params, String name, boolean endOfDay) {
    String value = single(params, name);
    if (value == null) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate d = LocalDate.parse(value);
        return (endOfDay ? d.plusDays(1) : d).atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant();
      }
      OffsetDateTime t = OffsetDateTime.parse(value);
      if (t.getYear() < MIN_YEAR || t.getYear() > MAX_YEAR) {
        throw NodeError.badParameter(name, "the year must be from " + MIN_YEAR + " to " + MAX_YEAR);
      }
      return t.toInstant();
    } catch (DateTimeException e) {
      throw NodeError.badParameter(name, "expected a date like 2026-03-14 or 2026-03-14T18:00:00+01:00");
    }
  }

  static Cursor cursor(MultiMap params) {
    String c = single(params, "cursor");
    if (c == null) {
      return null;
    }
    if (!c.matches("[A-Za-z0-9_-]{1,2048}")) {
      throw NodeError.badParameter("cursor", "malformed; use the next value of the previous page");
    }
    try {
      Cursor cursor = Cursor.decode(c);
      if (cursor.lastKey().length == 0) {
        throw NodeError.badParameter("cursor", "malformed; use the next value of the previous page");
      }
      return cursor;
    } catch (IllegalArgumentException e) {
      throw NodeError.badParameter("cursor", "malformed; use the next value of the previous page");
    }
  }

  static int limit(MultiMap params) {
    String l = single(params, "limit");
    if (l == null) {
      return DEFAULT_LIMIT;
    }
    if (!l.matches("[0-9]{1,4}")) {
      throw NodeError.badParameter("limit", "expected a number from 1 to " + MAX_LIMIT);
    }
    int n = Integer.parseInt(l);
    if (n < 1 || n > MAX_LIMIT) {
      throw NodeError.badParameter("limit", "expected a number from 1 to " + MAX_LIMIT);
    }
    return n;
  }

  static String single(MultiMap params, String name) {
    return AgendaFilters.single(params, name);
  }

}
