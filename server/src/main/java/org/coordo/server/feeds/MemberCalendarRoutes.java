package org.coordo.server.feeds;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.coordo.server.auth.Principal;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.MemberCalendars;

/**
 * A member's private calendar (issue 16), GET and HEAD:
 *
 * <pre>
 * /calendar/{secret}/agenda.ics   iCalendar: every event the member's sources give (public and internal)
 * </pre>
 *
 * The secret is the only right: it names a member (user), whose current roles decide what each
 * {@link MemberCalendarSource} returns. An unknown or revoked secret answers 404, like any unknown
 * URL. Events from {@link #PAST} ago on, soonest first, at most {@link #MAX_EVENTS}; written by the
 * feeds' {@link IcsWriter} on the feed worker; never cached by shared caches.
 */
public final class MemberCalendarRoutes {
  public static final String PATH = "/calendar/:secret/agenda.ics";
  static final Duration PAST = Duration.ofDays(31);
  static final int MAX_EVENTS = 500;

  private final MemberCalendars calendars;
  private final Function<String, Future<Optional<Principal>>> principals;
  private final List<MemberCalendarSource> sources;
  private final WorkerExecutor worker;
  private final IcsWriter ics;
  private final Clock clock;

  /**
   * @param principals a user id's principal (its current roles), empty when the account is gone
   * @param sources what goes in the calendar (collectives' events; later working-group meetings)
   */
  public MemberCalendarRoutes(MemberCalendars calendars, Function<String, Future<Optional<Principal>>> principals,
      List<MemberCalendarSource> sources, WorkerExecutor worker, String version, Clock clock) {
    this.calendars = calendars;
    this.principals = principals;
    this.sources = List.copyOf(sources);
    this.worker = worker;
    this.ics = new IcsWriter(version);
    this.clock = clock;
  }

  /** The path of a member's calendar for a secret. */
  public static String path(String secret) {
    return PATH.replace(":secret", secret);
  }

  public void mount(Router router) {
    FeedResponses.getOrHead(router, PATH, this::calendar);
  }

  private Future<Void> calendar(RoutingContext ctx) {
    String secret = ctx.pathParam("secret");
    Instant from = clock.instant().minus(PAST);
    return calendars.holder(secret)
        .compose(user -> user.isEmpty() ? Future.succeededFuture(Optional.<Principal>empty()) : principals.apply(user.get()))
        .compose(who -> {
          if (who.isEmpty()) {
            return Future.failedFuture(NodeError.notFound("calendar"));
          }
          List<Future<List<CalendarEvent>>> parts = sources.stream().map(s -> s.eventsFor(who.get(), from)).toList();
          return Future.all(parts).compose(done -> worker.executeBlocking(() -> {
            List<CalendarEvent> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.result()));
            List<CalendarEvent> events = all.stream().sorted(Comparator.comparing(CalendarEvent::start)
                .thenComparing(e -> e.uid().toString())).limit(MAX_EVENTS).toList();
            return ics.calendar("Coordo : mon agenda (" + who.get().username() + ")", events);
          }, false));
        })
        .compose(bytes -> FeedResponses.sendPrivate(ctx, FeedFormat.ICALENDAR, bytes));
  }
}
