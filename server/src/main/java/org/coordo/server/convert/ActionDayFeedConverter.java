package org.coordo.server.convert;

import java.net.URI;
import java.util.List;
import org.coordo.server.domain.actionday.DayEvent;
import org.coordo.server.domain.actionday.DayOfAction;
import org.coordo.server.feeds.CalendarEvent;
import org.coordo.server.feeds.FeedItem;

/**
 * A day of action's events → its iCalendar and RSS entries ({@code /days/{id}/agenda.ics},
 * {@code /days/{id}/feed.rss}): UID and guid are each event's ActivityPub id, as in every other feed of
 * Coordo, so a calendar that also reads a city's agenda sees one event, not two.
 */
public final class ActionDayFeedConverter {
  private ActionDayFeedConverter() {}

  public static CalendarEvent toCalendarEvent(DayEvent e, DayOfAction day) {
    CalendarEvent.Status status = switch (e.status()) {
      case "Cancelled" -> CalendarEvent.Status.CANCELLED;
      case "Tentative", "Postponed" -> CalendarEvent.Status.TENTATIVE;
      default -> CalendarEvent.Status.SCHEDULED;
    };
    String location = e.place() != null ? e.place() : e.onlineUrl();
    return new CalendarEvent(URI.create(e.id()), url(e), e.title(), e.summary(), e.startTime(),
        e.endTime() != null && !e.endTime().isBefore(e.startTime()) ? e.endTime() : null,
        ActionDayViews.zone(e.timezone()), location, e.latitude(), e.longitude(), status, e.sequence(), e.published(),
        e.updated(), List.of(day.day().theme()), e.cityName(), null);
  }

  public static FeedItem toFeedItem(DayEvent e, DayOfAction day) {
    String title = e.isCancelled() ? "[Annulé] " + e.title() : e.title();
    return new FeedItem(URI.create(e.id()), url(e), title, e.summary(), null,
        e.published() != null ? e.published() : e.startTime(), e.updated(), e.cityName(),
        List.of(day.day().theme()), e.city());
  }

  private static URI url(DayEvent e) {
    try {
      return e.url() == null ? null : URI.create(e.url());
    } catch (IllegalArgumentException bad) {
      return null;
    }
  }
}
