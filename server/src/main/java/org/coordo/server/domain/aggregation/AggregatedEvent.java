package org.coordo.server.domain.aggregation;

import java.time.Instant;
import java.util.Objects;

/**
 * The event part of a received {@code Event} (FEP-8a8e).
 *
 * @param startTime when it starts
 * @param endTime when it ends, or null
 * @param timezone IANA zone name (valid), {@code UTC} when the sender gave none
 * @param location plain-text place (name and address), or null
 * @param latitude degrees or null (both or neither with longitude)
 * @param longitude degrees or null
 * @param onlineUrl a virtual location, or null
 * @param eventStatus FEP-8a8e status ({@code Scheduled}, {@code Cancelled}, …)
 * @param category FEP-8a8e category in upper case, or null
 * @param actionDay the id (URI) of the day of action it answers ({@code context}), or null (issue 17)
 */
public record AggregatedEvent(
    Instant startTime,
    Instant endTime,
    String timezone,
    String location,
    Double latitude,
    Double longitude,
    String onlineUrl,
    String eventStatus,
    String category,
    String actionDay) {

  public AggregatedEvent {
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(timezone, "timezone");
    eventStatus = eventStatus == null ? "Scheduled" : eventStatus;
    if ((latitude == null) != (longitude == null)) {
      latitude = null;
      longitude = null;
    }
  }

  /** An event answering no day of action (every item stored before issue 17). */
  public AggregatedEvent(Instant startTime, Instant endTime, String timezone, String location, Double latitude,
      Double longitude, String onlineUrl, String eventStatus, String category) {
    this(startTime, endTime, timezone, location, latitude, longitude, onlineUrl, eventStatus, category, null);
  }

  public boolean isCancelled() {
    return "Cancelled".equals(eventStatus);
  }
}
