package org.coordo.server.domain.publication;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What only a day of action has (issue 17): a call of a collective (the national group's, usually)
 * naming a day, or a range of days, and a theme, to which every city links its own events.
 *
 * @param firstDay the first day
 * @param lastDay the last day of a range, or null for one day (never before {@code firstDay})
 * @param theme a short plain-text theme ("Contre la réforme des retraites")
 * @param zone the zone the days are cut in ({@link org.coordo.server.domain.NodeTime#DEFAULT_ZONE} unless
 *     told otherwise)
 */
public record ActionDay(LocalDate firstDay, LocalDate lastDay, String theme, ZoneId zone) {
  /** The longest theme. */
  public static final int MAX_THEME = 200;
  /** The longest range, in days (a "week of action" fits, a season does not). */
  public static final int MAX_DAYS = 31;
  /** Dates outside these years are typing errors. */
  public static final int MIN_YEAR = 2000;
  public static final int MAX_YEAR = 2100;

  public ActionDay {
    Objects.requireNonNull(firstDay, "firstDay");
    Objects.requireNonNull(zone, "zone");
    if (lastDay != null && lastDay.equals(firstDay)) {
      lastDay = null;
    }
    Map<String, String> problems = problems(firstDay, lastDay, theme);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.toString());
    }
    theme = theme.strip();
  }

  /**
   * What is wrong with these values, field by field ({@code firstDay}, {@code lastDay}, {@code theme}),
   * in English for the API; empty when they make a day of action.
   */
  public static Map<String, String> problems(LocalDate firstDay, LocalDate lastDay, String theme) {
    Map<String, String> out = new LinkedHashMap<>();
    if (firstDay == null) {
      out.put("firstDay", "required (a date such as 2026-10-09)");
    } else if (firstDay.getYear() < MIN_YEAR || firstDay.getYear() > MAX_YEAR) {
      out.put("firstDay", "must be between " + MIN_YEAR + " and " + MAX_YEAR);
    }
    if (lastDay != null) {
      if (lastDay.getYear() < MIN_YEAR || lastDay.getYear() > MAX_YEAR) {
        out.put("lastDay", "must be between " + MIN_YEAR + " and " + MAX_YEAR);
      } else if (firstDay != null && lastDay.isBefore(firstDay)) {
        out.put("lastDay", "must not be before firstDay");
      } else if (firstDay != null && lastDay.toEpochDay() - firstDay.toEpochDay() + 1 > MAX_DAYS) {
        out.put("lastDay", "a day of action lasts at most " + MAX_DAYS + " days");
      }
    }
    if (theme == null || theme.isBlank()) {
      out.put("theme", "required (a short theme)");
    } else if (theme.strip().length() > MAX_THEME) {
      out.put("theme", "at most " + MAX_THEME + " characters");
    } else if (theme.strip().codePoints().anyMatch(c -> Character.isISOControl(c))) {
      out.put("theme", "one line of text");
    }
    return out;
  }

  /** The last day: {@code lastDay}, or {@code firstDay} for a single day. */
  public LocalDate endDay() {
    return lastDay == null ? firstDay : lastDay;
  }

  /** Whether it lasts more than one day. */
  public boolean isRange() {
    return lastDay != null;
  }

  /** The first instant of the first day, in its zone. */
  public ZonedDateTime start() {
    return firstDay.atStartOfDay(zone);
  }

  /** The first instant after its last day, in its zone (exclusive). */
  public ZonedDateTime end() {
    return endDay().plusDays(1).atStartOfDay(zone);
  }

  /** Whether it is over on {@code today} (its last day before today). */
  public boolean isOverOn(LocalDate today) {
    return endDay().isBefore(today);
  }
}
