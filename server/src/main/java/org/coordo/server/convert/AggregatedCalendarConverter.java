package org.coordo.server.convert;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.feeds.CalendarEvent;

/**
 * A received event as a calendar event ({@code VEVENT}): the national agenda's iCalendar feed and the
 * national node's publication mails write the same one (UID: the object's id, SEQUENCE: the item's
 * revision), so a calendar that imported either updates it.
 */
public final class AggregatedCalendarConverter {
  private AggregatedCalendarConverter() {}

  public static CalendarEvent toCalendarEvent(AggregatedItem i) {
    AggregatedEvent e = i.event();
    CalendarEvent.Status status = switch (e.eventStatus()) {
      case "Cancelled" -> CalendarEvent.Status.CANCELLED;
      case "Tentative", "Postponed" -> CalendarEvent.Status.TENTATIVE;
      default -> CalendarEvent.Status.SCHEDULED;
    };
    return new CalendarEvent(URI.create(i.id()), URI.create(i.url()), i.name(), i.summary(), e.startTime(),
        e.endTime(), ZoneId.of(e.timezone()), e.location(), e.latitude(), e.longitude(), status, i.sequence(),
        i.published(), i.updated(), e.category() == null ? List.of() : List.of(categoryName(e.category())), i.cityName(),
        URI.create(i.groupId()));
  }

  /** The French name of a stored category (Coordo's, or a Mobilizon name stored before Coordo had its own). */
  private static String categoryName(String stored) {
    return EventCategory.fromStored(stored).map(c -> c.label(Locale.FRENCH)).orElse(stored);
  }
}
