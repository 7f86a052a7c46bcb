package org.coordo.server.api.actionday;

import org.coordo.server.api.JsonRoutes;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.coordo.server.app.NodeServices;
import org.coordo.server.app.RouteMounter;
import org.coordo.server.auth.Access;
import org.coordo.server.convert.ActionDayApiConverter;
import org.coordo.server.convert.ActionDayFeedConverter;
import org.coordo.server.domain.actionday.DayOverview;
import org.coordo.server.feeds.FeedFormat;
import org.coordo.server.feeds.FeedItem;
import org.coordo.server.feeds.FeedMeta;
import org.coordo.server.feeds.FeedResponses;
import org.coordo.server.feeds.IcsWriter;
import org.coordo.server.feeds.RssWriter;
import org.coordo.server.service.actionday.ActionDayService;

/**
 * Days of action (issue 17), public:
 *
 * <pre>
 * GET /api/days                  the days not over yet, soonest first
 * GET /api/days/{id}             a day: its events by city, the counts, the cities that have not answered
 * GET /days/{id}/agenda.ics      its events as iCalendar (UID: each event's id; cancelled ones CANCELLED)
 * GET /days/{id}/feed.rss        its events as RSS 2.0, by start time
 * </pre>
 *
 * {@code {id}} is the day's id on this node (a local day's publication id, a received day's {@code r…} id);
 * the day's page {@code /days/{id}} is the web's. An unknown id is a 404.
 */
public final class ActionDayRoutes implements RouteMounter {

  @Override
  public void mount(Router router, NodeServices node) {
    ActionDayService days = node.actionDays();
    URI base = node.platform().config().publicUrl();
    String version = node.platform().version();
    IcsWriter ics = new IcsWriter(version);
    RssWriter rss = new RssWriter("Coordo " + version);
    WorkerExecutor worker = node.feedWorker();
    JsonRoutes.route(router, HttpMethod.GET, "/api/days", Access.PUBLIC, ctx -> days.upcomingDays().map(list -> {
      JsonArray items = new JsonArray();
      list.forEach(d -> items.add(ActionDayApiConverter.toApi(d)));
      return new JsonObject().put("days", items);
    }));
    JsonRoutes.route(router, HttpMethod.GET, "/api/days/:id", Access.PUBLIC, ctx -> days.overview(ctx.pathParam("id")).map(ActionDayApiConverter::toApi));
    FeedResponses.getOrHead(router, "/days/:id/agenda.ics", ctx -> days.overview(ctx.pathParam("id"))
        .compose(o -> {
          var events = o.events().stream().map(e -> ActionDayFeedConverter.toCalendarEvent(e, o.day())).toList();
          return worker.executeBlocking(() -> ics.calendar(o.day().title(), events), false);
        })
        .compose(bytes -> FeedResponses.send(ctx, FeedFormat.ICALENDAR, bytes)));
    FeedResponses.getOrHead(router, "/days/:id/feed.rss", ctx -> days.overview(ctx.pathParam("id"))
        .compose(o -> {
          List<FeedItem> items = o.events().stream().map(e -> ActionDayFeedConverter.toFeedItem(e, o.day())).toList();
          FeedMeta meta = new FeedMeta(o.day().title(), subtitle(o),
              URI.create(base + "/days/" + o.day().id() + "/feed.rss"), URI.create(base + "/days/" + o.day().id()),
              "fr", lastChange(o));
          return worker.executeBlocking(() -> rss.write(meta, items), false);
        })
        .compose(bytes -> FeedResponses.send(ctx, FeedFormat.RSS, bytes)));
  }

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

  private static String subtitle(DayOverview o) {
    var d = o.day().day();
    String when = d.isRange() ? "du " + DAY.format(d.firstDay()) + " au " + DAY.format(d.endDay())
        : "le " + DAY.format(d.firstDay());
    return d.theme() + ", " + when;
  }

  private static Instant lastChange(DayOverview o) {
    Instant day = o.day().updated() != null ? o.day().updated() : o.day().published();
    Instant events = o.events().stream().map(e -> e.updated() != null ? e.updated() : e.published())
        .filter(t -> t != null).max(Comparator.naturalOrder()).orElse(null);
    Instant latest = day == null ? events : events == null || day.isAfter(events) ? day : events;
    return latest == null ? Instant.EPOCH : latest;
  }
}
