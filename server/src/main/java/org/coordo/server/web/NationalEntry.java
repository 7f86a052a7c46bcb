package org.coordo.server.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.text.PlainText;

/**
 * A call, minutes or event received from a city, as the national pages show it.
 *
 * @param url its page on its city's node
 * @param city the city's display name
 * @param when the start of an event (its own zone), else the publication day
 * @param time an event's start time alone (for the calendar's day cells)
 * @param day the day an event starts in the node's zone (the calendar's day), else the publication day
 * @param category an event's category term (upper case), or empty
 * @param excerpt the start of the summary, or empty
 */
public record NationalEntry(AggregatedKind kind, String title, String url, String city, String when, String time,
    LocalDate day, String place, String category, String excerpt, boolean cancelled) {
  private static final int EXCERPT = 160;

  static NationalEntry of(AggregatedItem item, Locale locale) {
    String city = item.cityName() != null && !item.cityName().isBlank() ? item.cityName() : item.city();
    String url = item.url() != null ? item.url() : item.id();
    String excerpt = item.summary() == null ? "" : PlainText.excerpt(item.summary(), EXCERPT);
    AggregatedEvent e = item.event();
    if (e == null) {
      ZonedDateTime at = item.published().atZone(NodeTime.DEFAULT_ZONE);
      return new NationalEntry(item.kind(), item.name(), url, city,
          DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(at), "", at.toLocalDate(), "",
          "", excerpt, false);
    }
    ZonedDateTime start = e.startTime().atZone(zoneOf(e));
    String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
        .format(start);
    String time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(start);
    return new NationalEntry(item.kind(), item.name(), url, city, when, time,
        e.startTime().atZone(NodeTime.DEFAULT_ZONE).toLocalDate(), e.location() == null ? "" : e.location(),
        e.category() == null ? "" : e.category(), excerpt, e.isCancelled());
  }

  private static ZoneId zoneOf(AggregatedEvent e) {
    try {
      return ZoneId.of(e.timezone());
    } catch (DateTimeException bad) {
      return NodeTime.DEFAULT_ZONE;
    }
  }
}
