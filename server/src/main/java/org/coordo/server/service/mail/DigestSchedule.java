package org.coordo.server.service.mail;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * When the weekly digest goes: a day of the week and an hour in the node's zone (default Monday
 * 08:00, {@code NodeTime.DEFAULT_ZONE}). A digest covers the seven days before its time.
 */
public record DigestSchedule(DayOfWeek day, int hour, ZoneId zone) {
  public DigestSchedule {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(zone, "zone");
    if (hour < 0 || hour > 23) {
      throw new IllegalArgumentException("hour out of range");
    }
  }

  public static DigestSchedule defaults(ZoneId zone) {
    return new DigestSchedule(DayOfWeek.MONDAY, 8, zone);
  }

  /** The first digest time strictly after {@code after}. */
  public Instant next(Instant after) {
    ZonedDateTime local = after.atZone(zone);
    ZonedDateTime candidate = local.with(TemporalAdjusters.nextOrSame(day)).with(LocalTime.of(hour, 0));
    if (!candidate.toInstant().isAfter(after)) {
      candidate = candidate.plusWeeks(1).with(TemporalAdjusters.nextOrSame(day)).with(LocalTime.of(hour, 0));
    }
    return candidate.toInstant();
  }

  /** The week a digest time belongs to ({@code 2026-W50}): one digest per week, whatever restarts. */
  public String week(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    return String.format("%d-W%02d", local.get(IsoFields.WEEK_BASED_YEAR), local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** The start of the window a digest at {@code at} covers: the same local time a week before. */
  public Instant windowStart(Instant at) {
    return at.atZone(zone).minusWeeks(1).toInstant();
  }
}
