package org.coordo.server.convert;

import java.time.ZoneId;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;

/**
 * Domain → {@link MailItem}: a collective's publication or a national node's aggregated item, as
 * publication mails tell of it. Calendar parts come from the feeds' converters, so the attached
 * {@code .ics} is the very event the calendar feeds publish (same UID, same SEQUENCE).
 */
public final class MailItemConverter {
  private final PublicationUris uris;
  private final PublicationFeedConverter feeds;

  public MailItemConverter(PublicationUris uris) {
    this.uris = uris;
    this.feeds = new PublicationFeedConverter(uris);
  }

  /** The reference of a local publication in jobs and in the sent-log. */
  public static String ref(Publication p) {
    return "pub:" + p.key().path();
  }

  /** The reference of an aggregated item. */
  public static String ref(AggregatedItem i) {
    return "agg:" + i.id();
  }

  /** A published publication (callers check {@code Visibility} first). */
  public MailItem toItem(Publication p) {
    MailItem.Event event = null;
    if (p.kind() == PublicationKind.EVENT && p.event() != null) {
      event = event(p.event());
    }
    return new MailItem(ref(p), p.kind(), null, null, p.title() == null ? "" : p.title(), SummaryFormatter.summary(p),
        p.contentHtml(), uris.object(p.key()).toString(), p.publishedAt(), event,
        event == null ? null : feeds.toCalendarEvent(p));
  }

  /** The event part alone (what a correction compares). */
  public static MailItem.Event event(EventDetails e) {
    EventLocation l = e.location();
    String place = l == null || !l.hasPlace() ? null : l.describe();
    return new MailItem.Event(e.startTime(), e.endTime(), e.timezone(), place == null || place.isBlank() ? null : place,
        l == null ? null : l.onlineUrl(), e.status() == EventStatus.Cancelled);
  }

  public MailItem toItem(AggregatedItem i) {
    PublicationKind kind = switch (i.kind()) {
      case CALL -> PublicationKind.CALL;
      case MINUTES -> PublicationKind.MINUTES;
      case EVENT -> PublicationKind.EVENT;
    };
    MailItem.Event event = i.kind() == AggregatedKind.EVENT && i.event() != null ? event(i.event()) : null;
    return new MailItem(ref(i), kind, i.city(), i.cityName() == null ? i.city() : i.cityName(), i.name(),
        i.summary(), i.contentHtml(), i.url() == null ? i.id() : i.url(), i.published(), event,
        event == null ? null : AggregatedCalendarConverter.toCalendarEvent(i));
  }

  public static MailItem.Event event(AggregatedEvent e) {
    return new MailItem.Event(e.startTime(), e.endTime(), ZoneId.of(e.timezone()), e.location(), e.onlineUrl(),
        e.isCancelled());
  }
}
