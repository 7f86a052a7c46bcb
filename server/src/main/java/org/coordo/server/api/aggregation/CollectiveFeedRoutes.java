package org.coordo.server.api.aggregation;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.coordo.federation.Uris;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.feeds.AtomWriter;
import org.coordo.server.feeds.FeedFormat;
import org.coordo.server.feeds.FeedItem;
import org.coordo.server.feeds.FeedMeta;
import org.coordo.server.feeds.FeedQuery;
import org.coordo.server.feeds.FeedResponses;
import org.coordo.server.convert.PublicationFeedConverter;
import org.coordo.server.feeds.RssWriter;
import org.coordo.server.service.publication.PublicationService;
import org.coordo.server.service.publication.Publishing;

/**
 * A local collective's whole feed, next to helper "feeds"' per-kind ones (which it does not
 * duplicate: it merges the three listing indexes):
 *
 * <pre>
 * /collectives/{name}/feed.rss     calls, minutes and events, newest first (RSS 2.0)
 * /collectives/{name}/feed.atom    the same in Atom 1.0
 * /collectives/{name}/agenda.ics   the collective's iCalendar agenda (served by /collectives/{name}/events.ics)
 * </pre>
 *
 * Filters as every feed ({@code ?category=&from=&to=&limit=}).
 */
public final class CollectiveFeedRoutes {

  private final Publishing publishing;
  private final RssWriter rss;
  private final AtomWriter atom;
  private final String version;
  private final io.vertx.core.WorkerExecutor worker;
  private final org.coordo.server.feeds.FeedNames names;
  private final org.coordo.server.feeds.FeedSignatories signatories;

  /** @param worker where feeds are rendered (off the event loop) */
  public CollectiveFeedRoutes(Publishing publishing, String version, io.vertx.core.WorkerExecutor worker,
      org.coordo.server.feeds.FeedNames names) {
    this(publishing, version, worker, names, null);
  }

  /** @param cosigning co-signed calls (issue 17): their items name the signatories; null for none */
  public CollectiveFeedRoutes(Publishing publishing, String version, io.vertx.core.WorkerExecutor worker,
      org.coordo.server.feeds.FeedNames names, org.coordo.server.service.cosign.CoSigning cosigning) {
    this.signatories = publishing == null ? null : new org.coordo.server.feeds.FeedSignatories(cosigning, publishing.uris);
    this.names = names;
    this.publishing = publishing;
    this.version = version;
    this.worker = worker;
    this.rss = new RssWriter("Coordo " + version);
    this.atom = new AtomWriter("Coordo", version);
  }

  public void mount(Router router) {
    mountPerKindFeeds(router);
    AccessGate.api(router.route("/collectives/:name/feed.rss").method(HttpMethod.GET).method(HttpMethod.HEAD), Access.PUBLIC)
        .handler(ctx -> guard(ctx, () -> feed(ctx, true)));
    AccessGate.api(router.route("/collectives/:name/feed.atom").method(HttpMethod.GET).method(HttpMethod.HEAD), Access.PUBLIC)
        .handler(ctx -> guard(ctx, () -> feed(ctx, false)));
    AccessGate.api(router.route("/collectives/:name/agenda.ics").method(HttpMethod.GET).method(HttpMethod.HEAD), Access.PUBLIC).handler(ctx -> {
      String name = ctx.pathParam("name");
      if (!Uris.isValidActorName(name)) {
        ctx.fail(NodeError.notFound("collective"));
        return;
      }
      String query = ctx.request().query();
      ctx.reroute("/collectives/" + name + "/events.ics" + (query == null || query.isEmpty() ? "" : "?" + query));
    });
  }

  /**
   * Helper "feeds"' per-kind routes ({@code /collectives/{name}/{calls|minutes|events}.rss|atom},
   * {@code events.ics}, {@code events/{id}/event.ics}), which no module mounted yet: mounted here, on
   * mount (every module has started by then).
   */
  private void mountPerKindFeeds(Router router) {
    Publishing p = publishing;
    if (p != null) {
      new org.coordo.server.feeds.FeedRoutes(p.service, p.uris, worker, version, "fr", names, signatories).mount(router);
    }
  }

  private Future<Void> feed(RoutingContext ctx, boolean isRss) {
    String name = ctx.pathParam("name");
    if (!Uris.isValidActorName(name)) {
      throw NodeError.notFound("collective");
    }
    Publishing p = publishing;
    if (p == null) {
      throw NodeError.unavailable("publishing is not started");
    }
    FeedQuery q = FeedQuery.parse(ctx.queryParams(), FeedQuery.DEFAULT_LIMIT, PublicationService.MAX_PAGE);
    PublicationFeedConverter converter = new PublicationFeedConverter(p.uris);
    List<Future<List<Publication>>> lists = new ArrayList<>();
    for (PublicationKind kind : PublicationKind.values()) {
      lists.add(p.service.list(Optional.empty(), name, kind, false, null, PublicationService.MAX_PAGE)
          .map(page -> page.items().stream().filter(Publication::isPublic).toList()));
    }
    return Future.all(lists).compose(all -> signatories.of(lists.stream()
        .flatMap(f -> f.result().stream()).toList()))
        .compose(signers -> {
      List<FeedItem> items = new ArrayList<>();
      for (Future<List<Publication>> f : lists) {
        f.result().forEach(pub -> items.add(converter.toFeedItem(pub, signers.get(p.uris.object(pub.key()).toString()))));
      }
      return names.withAuthors(items.stream().filter(i -> q.matches(i, NodeTime.DEFAULT_ZONE))
          .sorted(Comparator.comparing(FeedItem::published).reversed()).limit(q.limit()).toList());
    }).compose(chosen -> names.collective(name).compose(title -> {
      Instant updated = chosen.stream().map(FeedItem::lastChange).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
      String query = ctx.request().query();
      URI self = URI.create(p.uris.protocol().base() + ctx.request().path()
          + (query == null || query.isEmpty() ? "" : "?" + query));
      FeedMeta meta = new FeedMeta(title + " : appels, comptes rendus et événements", null, self,
          p.uris.group(name), "fr", updated);
      return worker.executeBlocking(() -> isRss ? rss.write(meta, chosen) : atom.write(meta, chosen), false)
          .compose(bytes -> FeedResponses.send(ctx, isRss ? FeedFormat.RSS : FeedFormat.ATOM, bytes));
    }));
  }

  private static void guard(RoutingContext ctx, java.util.function.Supplier<Future<Void>> handler) {
    try {
      handler.get().onFailure(ctx::fail);
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }
}
