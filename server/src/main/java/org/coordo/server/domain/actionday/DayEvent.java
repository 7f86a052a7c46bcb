package org.coordo.server.domain.actionday;

import java.time.Instant;
import java.util.Objects;

/**
 * An event linked to a day of action, local or received, as the day's page, feeds and API show it.
 *
 * @param id its ActivityPub id
 * @param url its page
 * @param title its title
 * @param summary plain-text lead, or null
 * @param city the short name of its collective (the city key of the national listings)
 * @param cityName the collective's display name
 * @param startTime when it starts
 * @param endTime when it ends, or null
 * @param timezone IANA zone (or offset) it is shown in
 * @param place plain-text place, or null
 * @param latitude degrees, or null (both or neither with longitude)
 * @param longitude degrees, or null
 * @param onlineUrl a virtual location, or null
 * @param status FEP-8a8e {@code eventStatus} ({@code Scheduled}, {@code Cancelled}, …)
 * @param local whether a collective of this node published it
 * @param published first publication
 * @param updated last change, or null
 * @param sequence revision (iCalendar {@code SEQUENCE})
 */
public record DayEvent(
    String id,
    String url,
    String title,
    String summary,
    String city,
    String cityName,
    Instant startTime,
    Instant endTime,
    String timezone,
    String place,
    Double latitude,
    Double longitude,
    String onlineUrl,
    String status,
    boolean local,
    Instant published,
    Instant updated,
    int sequence) {

  public DayEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(city, "city");
    Objects.requireNonNull(startTime, "startTime");
    status = status == null ? "Scheduled" : status;
    cityName = cityName == null || cityName.isBlank() ? city : cityName;
  }

  public boolean isCancelled() {
    return "Cancelled".equals(status);
  }

  public boolean hasCoordinates() {
    return latitude != null && longitude != null;
  }
}
