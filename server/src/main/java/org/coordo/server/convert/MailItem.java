package org.coordo.server.convert;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.feeds.CalendarEvent;

/**
 * What a publication mail says about one publication, whatever it came from: a publication of a
 * collective of this node, or an item a national node aggregates from a city (issue 15).
 *
 * @param ref what the mail is about, stable: {@code pub:collective/kind/id} or {@code agg:objectId}
 * @param kind call, minutes or event
 * @param city the city's short name for an aggregated item (the national city filter), else null
 * @param cityName the city's display name for an aggregated item, else null
 * @param title plain text
 * @param contentHtml sanitised HTML (may be empty)
 * @param url its public page
 * @param published when it was published
 * @param event the event part, or null
 * @param calendar the event as the feeds write it (the attached {@code .ics}), or null
 */
public record MailItem(String ref, PublicationKind kind, String city, String cityName, String title,
    String summary, String contentHtml, String url, Instant published, Event event, CalendarEvent calendar) {

  public MailItem {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(url, "url");
    contentHtml = contentHtml == null ? "" : contentHtml;
  }

  public boolean isEvent() {
    return event != null;
  }

  /**
   * When and where, as mails show it.
   *
   * @param place the place in one line (name and address), or null
   * @param onlineUrl the online link, or null
   */
  public record Event(Instant start, Instant end, ZoneId zone, String place, String onlineUrl, boolean cancelled) {

    /** Whether date, time or place differ: what makes a correction worth sending. */
    public boolean movedFrom(Event before) {
      return !Objects.equals(start, before.start) || !Objects.equals(end, before.end)
          || !Objects.equals(zone, before.zone) || !Objects.equals(place, before.place)
          || !Objects.equals(onlineUrl, before.onlineUrl);
    }
  }
}
