package org.coordo.server.domain.publication;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What only an event has. Times are instants (stored in UTC) shown in {@code timezone}.
 *
 * @param endTime after {@code startTime}, or null
 * @param location null when unknown
 * @param actionDay the id (URI) of the day of action it answers, local or remote, or null (issue 17)
 */
public record EventDetails(
    Instant startTime,
    Instant endTime,
    ZoneId timezone,
    EventLocation location,
    EventStatus status,
    EventCategory category,
    String actionDay) {

  /** An event answering no day of action (every event written before issue 17). */
  public EventDetails(Instant startTime, Instant endTime, ZoneId timezone, EventLocation location, EventStatus status,
      EventCategory category) {
    this(startTime, endTime, timezone, location, status, category, null);
  }

  public EventDetails withStatus(EventStatus newStatus) {
    return new EventDetails(startTime, endTime, timezone, location, newStatus, category, actionDay);
  }

  public EventDetails withActionDay(String newActionDay) {
    return new EventDetails(startTime, endTime, timezone, location, status, category, newActionDay);
  }
}
