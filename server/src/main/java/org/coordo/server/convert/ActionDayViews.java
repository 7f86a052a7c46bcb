package org.coordo.server.convert;

import java.time.ZoneId;
import org.coordo.server.domain.actionday.DayEvent;
import org.coordo.server.domain.actionday.DayIds;
import org.coordo.server.domain.actionday.DayOfAction;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.Publication;

/**
 * Local publications and received items → the views of days of action and their events ({@link DayOfAction},
 * {@link DayEvent}), so that the day's page, feeds and API never tell the two apart.
 */
public final class ActionDayViews {
  private final PublicationUris uris;

  public ActionDayViews(PublicationUris uris) {
    this.uris = uris;
  }

  /** The id (URI) of a local publication. */
  public String uri(Publication p) {
    return uris.object(p.key()).toString();
  }

  /** A local call that is a day of action. */
  public DayOfAction day(Publication p, String collectiveName) {
    String uri = uri(p);
    return new DayOfAction(p.id(), uri, uri, p.title(), p.summaryText(), p.actionDay(), p.collective(),
        collectiveName, uris.group(p.collective()).toString(), true, p.publishedAt(), p.updatedAt());
  }

  /** A received call that is a day of action. */
  public static DayOfAction day(AggregatedItem i) {
    return new DayOfAction(DayIds.remote(i.id()), i.id(), i.url(), i.name(), i.summary(), i.actionDay(), i.city(),
        i.cityName(), i.groupId(), false, i.published(), i.updated());
  }

  /** A local event linked to a day. */
  public DayEvent event(Publication p, String collectiveName) {
    EventDetails e = p.event();
    EventLocation l = e.location();
    String place = l == null ? null : l.hasPlace() ? blankToNull(l.describe()) : null;
    String uri = uri(p);
    return new DayEvent(uri, uri, p.title(), p.summaryText(), p.collective(), collectiveName, e.startTime(),
        e.endTime(), e.timezone().getId(), place, l == null ? null : l.latitude(), l == null ? null : l.longitude(),
        l == null ? null : l.onlineUrl(), e.status().name(), true, p.publishedAt(), p.updatedAt(),
        PublicationFeedConverter.sequence(p));
  }

  /** A received event linked to a day. */
  public static DayEvent event(AggregatedItem i) {
    AggregatedEvent e = i.event();
    return new DayEvent(i.id(), i.url(), i.name(), i.summary(), i.city(), i.cityName(), e.startTime(), e.endTime(),
        e.timezone(), e.location(), e.latitude(), e.longitude(), e.onlineUrl(), e.eventStatus(), false,
        i.published(), i.updated(), i.sequence());
  }

  /** A zone id of a view, the node's zone when it is not one. */
  public static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (RuntimeException e) {
      return org.coordo.server.domain.NodeTime.DEFAULT_ZONE;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
