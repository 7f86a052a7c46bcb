package org.coordo.server.feeds;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.coordo.server.auth.Principal;
import org.coordo.server.convert.PublicationFeedConverter;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.service.publication.PublicationService;

/** The events of every collective the member belongs to, public and members-only (by their role, read at each fetch). */
public final class PublicationCalendarSource implements MemberCalendarSource {
  private final PublicationService service;
  private final PublicationFeedConverter converter;
  private final int perCollective;

  public PublicationCalendarSource(PublicationService service, PublicationUris uris, int perCollective) {
    this.service = service;
    this.converter = new PublicationFeedConverter(uris, Locale.FRENCH);
    this.perCollective = perCollective;
  }

  @Override
  public Future<List<CalendarEvent>> eventsFor(Principal member, Instant from) {
    List<Future<List<Publication>>> parts = new ArrayList<>();
    for (String collective : member.roles().keySet()) {
      parts.add(service.upcomingForMembers(collective, from, perCollective));
    }
    return Future.all(parts).map(done -> {
      List<CalendarEvent> out = new ArrayList<>();
      for (Future<List<Publication>> part : parts) {
        for (Publication p : part.result()) {
          if (p.event() != null && p.isPublished()) {
            out.add(converter.toMemberCalendarEvent(p));
          }
        }
      }
      return out;
    });
  }
}
