package org.coordo.server.domain.publication;

import java.time.Instant;
import java.time.ZoneId;

/**
 * What only an event has. Times are instants (stored in UTC) shown in {@code timezone}.
 *
 * @param endTime after {@code startTime}, or null
 * @param location null when unknown
 */
public record EventDetails(
    Instant startTime,
    Instant endTime,
    ZoneId timezone,
    EventLocation location,
    EventStatus status,
    EventCategory category) {

  public EventDetails withStatus(EventStatus newStatus) {
    return new EventDetails(startTime, endTime, timezone, location, newStatus, category);
  }
}
