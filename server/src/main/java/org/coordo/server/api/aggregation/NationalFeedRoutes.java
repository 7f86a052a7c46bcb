package org.coordo.server.api.aggregation;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.feeds.AtomWriter;
import org.coordo.server.feeds.CalendarEvent;
import org.coordo.server.feeds.FeedFormat;
import org.coordo.server.feeds.FeedItem;
import org.coordo.server.feeds.FeedMeta;
import org.coordo.server.feeds.FeedQuery;
import org.coordo.server.feeds.FeedResponses;
import org.coordo.server.feeds.IcsWriter;
import org.coordo.server.feeds.RssWriter;
import org.coordo.server.service.aggregation.AggregationService;

/**
 * The national feeds, read from the aggregation indexes only (helper "feeds"' writers):
 *
 * <pre>
 * /national/feed.rss     RSS 2.0, every received call, minutes and event, newest first
 * /national/feed.atom    Atom 1.0, same items
 * /national/agenda.ics   iCalendar: events by start time (from 30 days ago unless ?from=), UID = object id,
 *                        SEQUENCE grows on each update, STATUS:CANCELLED for cancelled events
 * </pre>
 *
 * Filters: {@code ?city=lille&category=MEETING&from=2026-03-01&to=2026-03-31&limit=50}; city and
 * category go through their own indexes, bad values are a 400 naming the parameter.
 */
public final class NationalFeedRoutes {
  private static final Duration PAST = Duration.ofDays(30);

  private final AggregationService service;
  private final URI base;
  private final String title;
  private final Clock clock;
  private final RssWriter rss;
  private final AtomWriter atom;
  private final IcsWriter ics;
  private final io.vertx.core.WorkerExecutor worker;

  /** @param worker where feeds are rendered (XML and iCalendar generation stay off the event loop) */
  public NationalFeedRoutes(AggregationService service, URI base, String title, String version, Clock clock,
      io.vertx.core.WorkerExecutor worker) {
    this.service = service;
    this.worker = worker;
    this.base = base;
    this.title = title;
    this.clock = clock;
    this.rss = new RssWriter("Coordo " + version);
    this.atom = new AtomWriter("Coordo", version);
    this.ics = new IcsWriter(version);
  }

  public void mount(Router router) {
    FeedResponses.getOrHead(router, "/national/feed.rss", ctx -> items(ctx)
        .compose(i -> worker.executeBlocking(() -> rss.write(i.meta, i.items), false))
        .compose(bytes -> FeedResponses.send(ctx, FeedFormat.RSS, bytes)));
    FeedResponses.getOrHead(router, "/national/feed.atom", ctx -> items(ctx)
        .compose(i -> worker.executeBlocking(() -> atom.write(i.meta, i.items), false))
        .compose(bytes -> FeedResponses.send(ctx, FeedFormat.ATOM, bytes)));
    FeedResponses.getOrHead(router, "/national/agenda.ics", this::calendar);
  }

  private record Items(FeedMeta meta, List<FeedItem> items) {}

  private Future<Items> items(RoutingContext ctx) {
    FeedQuery q = FeedQuery.parse(ctx.queryParams());
    boolean filtered = q.category() != null || q.from() != null || q.to() != null;
    int fetch = filtered ? FeedQuery.MAX_LIMIT : q.limit();
    return service.latest(null, q.city(), null, fetch).map(page -> {
      List<FeedItem> items = page.items().stream().map(NationalFeedRoutes::toFeedItem)
          .filter(i -> q.matches(i, NodeTime.DEFAULT_ZONE)).limit(q.limit()).toList();
      Instant updated = items.stream().map(FeedItem::lastChange).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
      String t = title + (q.city() != null ? " : " + q.city() : "");
      return new Items(new FeedMeta(t, "Appels, comptes rendus d'AG et rendez-vous de toutes les villes",
          self(ctx), URI.create(base + "/api/agenda"), "fr", updated), items);
    });
  }

  private Future<Void> calendar(RoutingContext ctx) {
    FeedQuery q = FeedQuery.parse(ctx.queryParams());
    Instant from = q.from() != null ? q.fromInstant(NodeTime.DEFAULT_ZONE) : clock.instant().minus(PAST);
    Instant to = q.toInstantExclusive(NodeTime.DEFAULT_ZONE);
    return service.agenda(q.city(), q.category(), from, to, null, q.limit()).compose(slice -> {
      List<CalendarEvent> events = new ArrayList<>();
      for (AggregatedItem i : slice.items()) {
        events.add(toCalendarEvent(i));
      }
      String name = title + " : agenda" + (q.city() != null ? " (" + q.city() + ")" : "");
      return worker.executeBlocking(() -> ics.calendar(name, events), false)
          .compose(bytes -> FeedResponses.send(ctx, FeedFormat.ICALENDAR, bytes));
    });
  }

  static FeedItem toFeedItem(AggregatedItem i) {
    List<String> categories = new ArrayList<>();
    categories.add(label(i.kind()));
    if (i.event() != null && i.event().category() != null) {
      categories.add(categoryName(i.event().category()));
    }
    return new FeedItem(URI.create(i.id()), URI.create(i.url()), i.name(), i.summary(), i.contentHtml(),
        i.published(), i.updated(), i.cityName(), categories, i.city());
  }

  static CalendarEvent toCalendarEvent(AggregatedItem i) {
    return org.coordo.server.convert.AggregatedCalendarConverter.toCalendarEvent(i);
  }

  /** The French name of a stored category (Coordo's, or a Mobilizon name stored before Coordo had its own). */
  private static String categoryName(String stored) {
    return EventCategory.fromStored(stored).map(c -> c.label(java.util.Locale.FRENCH)).orElse(stored);
  }

  private static String label(AggregatedKind kind) {
    return switch (kind) {
      case CALL -> "appel";
      case MINUTES -> "compte rendu d'AG";
      case EVENT -> "événement";
    };
  }

  private URI self(RoutingContext ctx) {
    String query = ctx.request().query();
    return URI.create(base + ctx.request().path() + (query == null || query.isEmpty() ? "" : "?" + query));
  }
}
