package org.coordo.server.domain.actionday;

import java.util.List;

/**
 * A city's answer to a day of action: its events linked to the day, soonest first.
 *
 * @param city the collective's short name
 * @param cityName its display name
 * @param events its events for the day (cancelled ones included, marked), at least one
 */
public record CityAnswer(String city, String cityName, List<DayEvent> events) {
  public CityAnswer {
    events = List.copyOf(events);
  }

  /** How many events it has for the day. */
  public int count() {
    return events.size();
  }
}
