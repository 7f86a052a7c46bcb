package org.coordo.server.domain.actionday;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coordo.server.domain.aggregation.FollowedCity;

/**
 * Everything a day of action's page, feeds and API show: the day, every city's events for it (grouped by
 * city, cities by name, events by start time), and the member cities that have not answered yet.
 *
 * @param day the day of action
 * @param cities the cities that linked at least one event, by display name
 * @param notAnswered the cities the node counts as members (on a national node, those it follows) with no
 *     event linked to the day; empty on a node that has no such list
 */
public record DayOverview(DayOfAction day, List<CityAnswer> cities, List<FollowedCity> notAnswered) {
  public DayOverview {
    cities = List.copyOf(cities);
    notAnswered = List.copyOf(notAnswered);
  }

  /** Every event of the day, soonest first. */
  public List<DayEvent> events() {
    List<DayEvent> all = new ArrayList<>();
    cities.forEach(c -> all.addAll(c.events()));
    all.sort(Comparator.comparing(DayEvent::startTime).thenComparing(DayEvent::id));
    return all;
  }

  /** Events per city (short name → count), answered cities in their order, then the others at 0. */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    cities.forEach(c -> out.put(c.city(), c.count()));
    notAnswered.forEach(c -> out.putIfAbsent(c.name(), 0));
    return out;
  }
}
