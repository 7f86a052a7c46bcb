package org.coordo.server.feeds;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.group.Meeting;
import org.coordo.server.domain.group.MemberMeeting;
import org.coordo.server.service.group.GroupPlanning;

/**
 * The meetings of the working groups a member belongs to (issue 16), in their private calendar:
 * what {@link GroupPlanning#upcomingMeetingsOf} says they may see (group membership read at each
 * fetch), cancelled ones kept with {@code STATUS:CANCELLED} so calendar apps strike them out.
 */
public final class MeetingCalendarSource implements MemberCalendarSource {
  private final GroupPlanning planning;

  public MeetingCalendarSource(GroupPlanning planning) {
    this.planning = planning;
  }

  @Override
  public Future<List<CalendarEvent>> eventsFor(Principal member, Instant from) {
    return planning.upcomingMeetingsOf(member.userId()).map(all -> all.stream()
        .filter(m -> !m.meeting().start().isBefore(from) || (m.meeting().end() != null && m.meeting().end().isAfter(from)))
        .map(MeetingCalendarSource::event)
        .toList());
  }

  static CalendarEvent event(MemberMeeting m) {
    Meeting x = m.meeting();
    String description = x.agenda() == null || x.agenda().isBlank() ? null : x.agenda();
    if (x.onlineUrl() != null && x.place() != null) {
      description = (description == null ? "" : description + "\n\n") + x.onlineUrl();
    }
    return new CalendarEvent(m.uid(), m.url(), m.name(), description, x.start(),
        x.end(), x.zone(), m.location(), null, null,
        x.cancelled() ? CalendarEvent.Status.CANCELLED : CalendarEvent.Status.SCHEDULED, x.sequence(), x.created(),
        x.updated(), List.of(), m.group().displayName(), null);
  }
}
