package org.coordo.server.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;

/**
 * An event of the national agenda (received from a city node), as the national home page lists it.
 *
 * @param url the event's page on its city's node
 */
public record AgendaEntry(String title, String url, String city, String when, String place, boolean cancelled) {

  static AgendaEntry of(AggregatedItem item, Locale locale) {
    AggregatedEvent e = item.event();
    ZoneId zone;
    try {
      zone = e.timezone() == null ? NodeTime.DEFAULT_ZONE : ZoneId.of(e.timezone());
    } catch (java.time.DateTimeException bad) {
      zone = NodeTime.DEFAULT_ZONE;
    }
    String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
        .format(e.startTime().atZone(zone));
    String city = item.cityName() != null && !item.cityName().isBlank() ? item.cityName() : item.city();
    return new AgendaEntry(item.name(), item.url() != null ? item.url() : item.id(), city, when,
        e.location() == null ? "" : e.location(), "Cancelled".equals(e.eventStatus()));
  }
}
