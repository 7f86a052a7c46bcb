package org.coordo.server.feeds;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One event of an iCalendar feed ({@code VEVENT}), independent of what it was made from.
 *
 * @param uid the object's id (its ActivityPub URI): the {@code UID}, stable across updates
 * @param url the page a person opens, or null
 * @param name plain text ({@code SUMMARY})
 * @param description plain text, or null
 * @param start when it starts
 * @param end when it ends (after {@code start}), or null
 * @param timezone the zone the event is shown in ({@code DTSTART;TZID=…})
 * @param location plain text, or null
 * @param latitude degrees, null when unknown (both or neither with longitude)
 * @param longitude degrees, null when unknown
 * @param status whether it takes place
 * @param sequence revision number: 0 first, grows on each significant update
 * @param created when it was first published, or null
 * @param lastModified its last change, or null
 * @param categories plain-text terms (may be empty)
 * @param organizerName who organises it ({@code ORGANIZER;CN=…}), or null
 * @param organizerUrl the organiser's URI, or null
 */
public record CalendarEvent(
    URI uid,
    URI url,
    String name,
    String description,
    Instant start,
    Instant end,
    ZoneId timezone,
    String location,
    Double latitude,
    Double longitude,
    Status status,
    int sequence,
    Instant created,
    Instant lastModified,
    List<String> categories,
    String organizerName,
    URI organizerUrl) {

  /** Whether the event takes place; written as {@code STATUS:CONFIRMED/TENTATIVE/CANCELLED}. */
  public enum Status {
    SCHEDULED("CONFIRMED"),
    TENTATIVE("TENTATIVE"),
    CANCELLED("CANCELLED");

    private final String ical;

    Status(String ical) {
      this.ical = ical;
    }

    /** The RFC 5545 {@code STATUS} value for a {@code VEVENT}. */
    public String ical() {
      return ical;
    }
  }

  public CalendarEvent {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(timezone, "timezone");
    Objects.requireNonNull(status, "status");
    if (end != null && end.isBefore(start)) {
      throw new IllegalArgumentException("end before start");
    }
    if ((latitude == null) != (longitude == null)) {
      throw new IllegalArgumentException("latitude and longitude go together");
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("negative sequence");
    }
    categories = categories == null ? List.of() : List.copyOf(categories);
  }
}
