package org.coordo.server.feeds;

import org.coordo.server.convert.PublicationFeedConverter;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.coordo.federation.Uris;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.PublicationService;

/**
 * The feeds of a city node, read through {@link PublicationService} (which reads the listing
 * indexes, never scans). GET and HEAD:
 *
 * <pre>
 * /collectives/{name}/{calls|minutes|events}.rss     RSS 2.0, newest first (events: latest start first)
 * /collectives/{name}/{calls|minutes|events}.atom    Atom 1.0, same items
 * /collectives/{name}/events.ics                     iCalendar subscription, events by start time
 * /collectives/{name}/events/{id}/event.ics          one event, "add to my calendar"
 * </pre>
 *
 * <p>Every feed takes the {@link FeedQuery} filters ({@code city, category, from, to, limit}). The
 * service pages at most {@link PublicationService#MAX_PAGE} items, so filters apply to that newest
 * page: with a filter the page is read whole, then filtered, then cut to {@code limit}. Bad
 * parameters fail with a {@link NodeError} (400), unknown names and events with the service's
 * 404, both rendered by the node's failure handler.
 *
 * <p>Conversion and XML/iCalendar generation run on the {@code worker} given (a named executor, e.g.
 * {@code coordo-feeds}): they are CPU work of a few milliseconds, but the first feed loads Rome, JDOM
 * and ical4j's time-zone definitions from the jar, which must not stall an event loop.
 */
public final class FeedRoutes {
  private final PublicationService service;
  private final PublicationUris uris;
  private final WorkerExecutor worker;
  private final PublicationFeedConverter converter;
  private final RssWriter rss;
  private final AtomWriter atom;
  private final IcsWriter ics;
  private final String language;
  private final FeedNames names;
  private final FeedSignatories signatories;

  /**
   * @param worker where feeds are rendered (never an event loop)
   * @param version Coordo's version (generator, PRODID)
   * @param language the node's BCP 47 language for feed metadata ({@code fr})
   * @param names display names of collectives and authors
   */
  public FeedRoutes(PublicationService service, PublicationUris uris, WorkerExecutor worker, String version,
      String language, FeedNames names) {
    this(service, uris, worker, version, language, names, new FeedSignatories(null, uris));
  }

  /** @param signatories the signatories of co-signed calls (issue 17), on the calls' items */
  public FeedRoutes(PublicationService service, PublicationUris uris, WorkerExecutor worker, String version,
      String language, FeedNames names, FeedSignatories signatories) {
    this.signatories = signatories;
    this.service = service;
    this.uris = uris;
    this.worker = worker;
    this.converter = new PublicationFeedConverter(uris, java.util.Locale.forLanguageTag(language));
    this.rss = new RssWriter("Coordo " + version);
    this.atom = new AtomWriter("Coordo", version);
    this.ics = new IcsWriter(version);
    this.language = language;
    this.names = names;
  }

  public void mount(Router router) {
    for (PublicationKind kind : PublicationKind.values()) {
      String base = "/collectives/:name/" + kind.segment();
      FeedResponses.getOrHead(router, base + ".rss", ctx -> items(ctx, kind)
          .compose(feed -> render(() -> rss.write(feed.meta, feed.items)))
          .compose(bytes -> FeedResponses.send(ctx, FeedFormat.RSS, bytes)));
      FeedResponses.getOrHead(router, base + ".atom", ctx -> items(ctx, kind)
          .compose(feed -> render(() -> atom.write(feed.meta, feed.items)))
          .compose(bytes -> FeedResponses.send(ctx, FeedFormat.ATOM, bytes)));
    }
    FeedResponses.getOrHead(router, "/collectives/:name/events.ics", this::calendar);
    FeedResponses.getOrHead(router, "/collectives/:name/events/:id/event.ics", this::singleEvent);
  }

  private record Items(FeedMeta meta, List<FeedItem> items) {}

  private Future<Items> items(RoutingContext ctx, PublicationKind kind) {
    String name = collective(ctx);
    FeedQuery query = FeedQuery.parse(ctx.queryParams(), FeedQuery.DEFAULT_LIMIT, PublicationService.MAX_PAGE);
    URI self = self(ctx);
    return published(name, kind, query).compose(list -> signatories.of(list).compose(signers -> render(() -> list.stream()
        .map(p -> converter.toFeedItem(p, signers.get(uris.object(p.key()).toString())))
        // publication days are cut in the node's zone (events use their own)
        .filter(i -> query.matches(i, NodeTime.DEFAULT_ZONE)).limit(query.limit()).toList())))
        .compose(names::withAuthors)
        .compose(items -> names.collective(name).map(title -> {
          // Derived from the items, not the clock: unchanged items give unchanged bytes (ETag).
          Instant updated = items.stream().map(FeedItem::lastChange).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
          FeedMeta meta = new FeedMeta(title + " : " + label(kind), null, self, htmlUrl(name, kind), language, updated);
          return new Items(meta, items);
        }));
  }

  private Future<Void> calendar(RoutingContext ctx) {
    String name = collective(ctx);
    FeedQuery query = FeedQuery.parse(ctx.queryParams(), FeedQuery.DEFAULT_LIMIT, PublicationService.MAX_PAGE);
    return names.collective(name).compose(title -> published(name, PublicationKind.EVENT, query)
        .compose(list -> render(() -> {
          List<CalendarEvent> events = list.stream().filter(p -> p.event() != null).map(converter::toCalendarEvent)
              .filter(e -> query.matches(e, name)).limit(query.limit())
              .sorted(Comparator.comparing(CalendarEvent::start)).toList();
          return ics.calendar(title + " : " + label(PublicationKind.EVENT), events);
        }))).compose(bytes -> FeedResponses.send(ctx, FeedFormat.ICALENDAR, bytes));
  }

  private Future<Void> singleEvent(RoutingContext ctx) {
    String name = collective(ctx);
    String id = ctx.pathParam("id");
    if (id == null || !id.matches("[0-9a-z]{1,64}")) {
      throw NodeError.notFound("publication");
    }
    // the reader's rights: a members-only event's file is its members' (404 to anyone else, by the service)
    return service.get(AuthHandler.principal(ctx), new PublicationKey(name, PublicationKind.EVENT, id)).compose(p -> {
      if (p.event() == null || !p.isPublished()) {
        return Future.failedFuture(NodeError.notFound("publication"));
      }
      if (p.isMembersOnly()) {
        return render(() -> ics.single(converter.toMemberCalendarEvent(p)))
            .compose(bytes -> FeedResponses.sendPrivateCalendarFile(ctx, bytes, id + ".ics"));
      }
      return render(() -> ics.single(converter.toCalendarEvent(p)))
          .compose(bytes -> FeedResponses.sendCalendarFile(ctx, bytes, id + ".ics"));
    });
  }

  /** The newest published page: {@code limit} items, or a whole page when filters will drop some. */
  private Future<List<Publication>> published(String name, PublicationKind kind, FeedQuery query) {
    boolean filtered = query.city() != null || query.category() != null || query.from() != null || query.to() != null;
    int fetch = filtered ? PublicationService.MAX_PAGE : query.limit();
    return service.list(Optional.empty(), name, kind, false, null, fetch)
        .map(page -> page.items().stream().filter(Publication::isPublic).toList());
  }

  private <T> Future<T> render(Callable<T> work) {
    return worker.executeBlocking(work, false);
  }

  private URI self(RoutingContext ctx) {
    String query = ctx.request().query();
    return URI.create(uris.protocol().base() + ctx.request().path() + (query == null || query.isEmpty() ? "" : "?" + query));
  }

  private URI htmlUrl(String name, PublicationKind kind) {
    return kind == PublicationKind.EVENT ? uris.upcomingEvents(name) : uris.collection(name, kind);
  }

  private static String label(PublicationKind kind) {
    return switch (kind) {
      case CALL -> "appels";
      case MINUTES -> "comptes rendus d'AG";
      case EVENT -> "événements";
    };
  }

  private static String collective(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (!Uris.isValidActorName(name)) {
      throw NodeError.notFound("collective");
    }
    return name;
  }
}
