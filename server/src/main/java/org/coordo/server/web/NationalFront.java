package org.coordo.server.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.service.aggregation.AggregationService;

/**
 * The national front page: {@value #WEEKS} weeks of events from every followed city (as a calendar
 * by week and day, or as a list), the latest calls and minutes, the city and category filters, the
 * feeds of the same filters, the follow box and the list of cities.
 */
public final class NationalFront {
  static final int WEEKS = 4;
  static final int MAX_EVENTS = 150;
  static final int POSTS = 6;

  /** A day of the calendar: its label, whether it is today, its events by start. */
  public record Day(String label, boolean today, List<NationalEntry> events) {}

  /** A week of the calendar, Monday to Sunday. */
  public record Week(String label, List<Day> days) {
    public boolean empty() {
      return days.stream().allMatch(d -> d.events().isEmpty());
    }
  }

  private final NationalQuery q;
  private final String group;
  private final String handle;
  private final List<FollowedCity> cities;
  private final List<String> categories;
  private final List<NationalEntry> events;
  private final boolean moreEvents;
  private final List<Week> weeks;
  private final List<NationalEntry> calls;
  private final List<NationalEntry> minutes;

  NationalFront(NationalQuery q, String group, String host, List<FollowedCity> cities,
      AggregationService.Front front, LocalDate today, Locale locale) {
    this.q = q;
    this.group = group;
    this.handle = "@" + group + "@" + host;
    this.cities = cities;
    TreeSet<String> cats = new TreeSet<>(front.categories());
    if (q.category() != null) {
      cats.add(q.category());
    }
    this.categories = List.copyOf(cats);
    this.events = entries(front.events(), locale);
    this.moreEvents = front.moreEvents();
    this.calls = entries(front.calls(), locale);
    this.minutes = entries(front.minutes(), locale);
    this.weeks = weeks(q.week(), events, today, locale);
  }

  static List<NationalEntry> entries(List<AggregatedItem> items, Locale locale) {
    return items.stream().map(i -> NationalEntry.of(i, locale)).toList();
  }

  private static List<Week> weeks(LocalDate monday, List<NationalEntry> events, LocalDate today, Locale locale) {
    Map<LocalDate, List<NationalEntry>> byDay = events.stream()
        .collect(Collectors.groupingBy(NationalEntry::day, TreeMap::new, Collectors.toList()));
    DateTimeFormatter dayLabel = DateTimeFormatter.ofPattern("EEEE d", locale);
    DateTimeFormatter weekLabel = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    List<Week> out = new ArrayList<>();
    for (int w = 0; w < WEEKS; w++) {
      LocalDate start = monday.plusWeeks(w);
      List<Day> days = new ArrayList<>();
      for (int d = 0; d < 7; d++) {
        LocalDate day = start.plusDays(d);
        days.add(new Day(dayLabel.format(day), day.equals(today), byDay.getOrDefault(day, List.of())));
      }
      out.add(new Week(weekLabel.format(start), days));
    }
    return out;
  }

  public String city() {
    return q.city() == null ? "" : q.city();
  }

  public String category() {
    return q.category() == null ? "" : q.category();
  }

  public boolean filtered() {
    return q.city() != null || q.category() != null;
  }

  public boolean listView() {
    return q.list();
  }

  /** The display name of the city filtered on, else empty. */
  public String cityName() {
    return cities.stream().filter(c -> c.name().equals(q.city())).map(FollowedCity::displayName).findFirst()
        .orElse(city());
  }

  public String handle() {
    return handle;
  }

  /** The remote-follow form's action (the national group's, as every collective's). */
  public String followAction() {
    return "/collectives/" + group + "/follow";
  }

  public List<FollowedCity> cities() {
    return cities;
  }

  public List<String> categories() {
    return categories;
  }

  public List<Week> weeks() {
    return weeks;
  }

  public List<NationalEntry> events() {
    return events;
  }

  public boolean moreEvents() {
    return moreEvents;
  }

  public List<NationalEntry> calls() {
    return calls;
  }

  public List<NationalEntry> minutes() {
    return minutes;
  }

  public String rss() {
    return q.link("/national/feed.rss");
  }

  public String atom() {
    return q.link("/national/feed.atom");
  }

  public String ics() {
    return q.link("/national/agenda.ics");
  }

  /** This page as a calendar ({@code list} false) or a list, same filters and weeks. */
  public String view(boolean list) {
    return q.link("/", "week", q.week().toString(), "view", list ? "list" : null);
  }

  public String previousWeeks() {
    return q.link("/", "week", q.week().minusWeeks(WEEKS).toString(), "view", q.list() ? "list" : null);
  }

  public String nextWeeks() {
    return q.link("/", "week", q.week().plusWeeks(WEEKS).toString(), "view", q.list() ? "list" : null);
  }

  public String thisWeek() {
    return q.link("/", "view", q.list() ? "list" : null);
  }

  /** The archive of {@code kind} ({@code calls}, {@code minutes}, {@code events}) with the same filters. */
  public String archive(String kind) {
    return "events".equals(kind) ? q.link("/national/events")
        : new NationalQuery(q.city(), null, q.week(), false, null).link("/national/" + kind);
  }

  /** The front page filtered on one city (keeping the category). */
  public String cityLink(String name) {
    return new NationalQuery(name, q.category(), q.week(), q.list(), null).link("/");
  }

  /** The category's label, or the term itself when the messages have none. */
  public static String categoryLabel(PageContext p, String category) {
    String label = p.t("category." + category);
    return label.startsWith("??") ? category.charAt(0) + category.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ')
        : label;
  }
}
