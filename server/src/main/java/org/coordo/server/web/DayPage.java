package org.coordo.server.web;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.domain.actionday.CityAnswer;
import org.coordo.server.domain.actionday.DayEvent;
import org.coordo.server.domain.actionday.DayOfAction;
import org.coordo.server.domain.actionday.DayOverview;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.text.SafeUrls;
import org.coordo.server.web.map.MapOutline;
import org.coordo.server.web.map.MarkerLayout;

/**
 * A day of action's public page ({@code /days/{id}}, issue 17): the day (title, theme, dates in its
 * zone, who calls), every city's events for it grouped by city and ordered by time, the same events
 * on the map of France the node draws itself ({@link MapOutline}; one marker per event, those of one
 * city spread around it, the others listed beside the map), the member cities that have not answered
 * yet, and the day's feeds.
 */
public final class DayPage {
  /** An event as the list and the map show it. */
  public record Row(String title, String url, String city, String when, String place, boolean cancelled) {}

  /** A city that answered: its name, handle, page and events by start time. */
  public record City(String name, String handle, String url, List<Row> events) {}

  /** An event's marker: where it is drawn, its tooltip and the event it leads to. */
  public record Marker(String cx, String cy, String tooltip, String url, boolean cancelled) {}

  private final DayOfAction day;
  private final String dates;
  private final String authorUrl;
  private final List<City> cities;
  private final int eventCount;
  private final List<Marker> markers;
  private final List<Row> offMap;
  private final List<FollowedCity> notAnswered;
  private final MapOutline map;
  private final boolean memberList;

  /**
   * @param followed the cities the node follows, by short name (their handles and pages), empty when it has no such list
   * @param host this node's host, for the handles of its own collectives
   */
  DayPage(DayOverview overview, Map<String, FollowedCity> followed, String host, MapOutline map, Messages.Bundle m) {
    this.day = overview.day();
    this.map = map;
    Locale locale = m.locale();
    ZoneId zone = day.day().zone();
    this.dates = dates(day, m);
    this.authorUrl = day.local() ? "/collectives/" + day.collective() : day.collectiveUri();
    DateTimeFormatter time = day.day().isRange()
        ? DateTimeFormatter.ofPattern("EEEE d MMMM", locale).withZone(zone)
        : null;
    DateTimeFormatter hour = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(zone);
    List<City> out = new ArrayList<>();
    List<DayEvent> all = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (CityAnswer answer : overview.cities()) {
      List<Row> events = new ArrayList<>();
      for (DayEvent e : answer.events()) {
        String when = (time == null ? "" : time.format(e.startTime()) + ", ") + hour.format(e.startTime());
        Row row = new Row(e.title() == null || e.title().isBlank() ? answer.cityName() : e.title(),
            e.url() != null ? e.url() : e.id(), answer.cityName(), when, e.place() == null ? "" : e.place(),
            e.isCancelled());
        events.add(row);
        all.add(e);
        rows.add(row);
      }
      FollowedCity known = followed.get(answer.city());
      String handle = known != null ? known.handle() : handleOf(answer, host);
      String url = known != null ? known.url() : local(answer) ? "/collectives/" + answer.city() : null;
      out.add(new City(answer.cityName(), handle, url, List.copyOf(events)));
    }
    this.cities = List.copyOf(out);
    this.eventCount = all.size();
    MarkerLayout.Layout<Integer> layout = MarkerLayout.layout(map, indexes(all.size()),
        i -> new Double[] {all.get(i).latitude(), all.get(i).longitude()});
    this.markers = layout.placed().stream().map(p -> {
      Row r = rows.get(p.item());
      String tooltip = r.city() + " — " + r.title() + " — " + r.when() + (r.place().isEmpty() ? "" : " — " + r.place())
          + (r.cancelled() ? " (" + m.t("event.cancelled") + ")" : "");
      return new Marker(p.cx(), p.cy(), tooltip, r.url(), r.cancelled());
    }).toList();
    this.offMap = layout.offMap().stream().map(rows::get).toList();
    this.notAnswered = overview.notAnswered();
    this.memberList = !followed.isEmpty() || !notAnswered.isEmpty();
  }

  private static List<Integer> indexes(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  private static boolean local(CityAnswer answer) {
    return !answer.events().isEmpty() && answer.events().get(0).local();
  }

  /** {@code @city@host}: this node's host for its own collectives, else the host of the city's events. */
  private static String handleOf(CityAnswer answer, String host) {
    if (local(answer)) {
      return "@" + answer.city() + "@" + host;
    }
    return answer.events().stream().map(e -> e.url() != null ? e.url() : e.id()).map(DayPage::authority)
        .flatMap(Optional::stream).findFirst().map(h -> "@" + answer.city() + "@" + h).orElse("");
  }

  private static Optional<String> authority(String url) {
    try {
      return Optional.ofNullable(URI.create(url).getRawAuthority());
    } catch (IllegalArgumentException bad) {
      return Optional.empty();
    }
  }

  /** "vendredi 9 octobre 2026", or "du vendredi 9 octobre au dimanche 11 octobre 2026" for a range. */
  static String dates(DayOfAction day, Messages.Bundle m) {
    DateTimeFormatter full = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(m.locale());
    if (!day.day().isRange()) {
      return full.format(day.firstDay());
    }
    return m.t("day.range", full.format(day.firstDay()), full.format(day.endDay()));
  }

  public String title() {
    return day.title() == null || day.title().isBlank() ? day.day().theme() : day.title();
  }

  public String theme() {
    return day.day().theme();
  }

  public String summary() {
    return day.summary() == null ? "" : day.summary();
  }

  public String dates() {
    return dates;
  }

  /** The first day as an ISO date, for a {@code <time datetime>}. */
  public String isoDate() {
    return day.firstDay().toString();
  }

  public String author() {
    return day.collectiveName();
  }

  public String authorUrl() {
    return authorUrl;
  }

  /** The call's own page (on its origin). */
  public String callUrl() {
    return day.url() != null ? day.url() : day.uri();
  }

  public List<City> cities() {
    return cities;
  }

  public int eventCount() {
    return eventCount;
  }

  public List<Marker> markers() {
    return markers;
  }

  /** The events the map cannot show (no coordinates, overseas, abroad), in list order. */
  public List<Row> offMap() {
    return offMap;
  }

  public List<FollowedCity> notAnswered() {
    return notAnswered;
  }

  /** Whether this node has a list of member cities (the national node): then it shows who has not answered. */
  public boolean hasMemberList() {
    return memberList;
  }

  public MapOutline map() {
    return map;
  }

  /** A city's page link, kept only when it is safe to render. */
  public static String safe(String url) {
    return url == null ? null : SafeUrls.href(url);
  }

  public String ics() {
    return "/days/" + day.id() + "/agenda.ics";
  }

  public String rss() {
    return "/days/" + day.id() + "/feed.rss";
  }

}
