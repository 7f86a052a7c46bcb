package org.coordo.server.feeds;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import org.coordo.server.auth.Principal;

/**
 * Something that puts events in a member's private calendar ({@link MemberCalendarRoutes}): the
 * collectives' events, public and members-only, today; working-group meetings can be another
 * source. A source decides what the member may see; the route only merges and writes.
 */
public interface MemberCalendarSource {
  /** The member's events from {@code from} on (a source may return more; the route sorts and cuts). */
  Future<List<CalendarEvent>> eventsFor(Principal member, Instant from);
}
