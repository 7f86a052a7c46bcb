package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coordo.server.auth.Access;
import org.coordo.server.domain.actionday.DayIds;
import org.coordo.server.domain.actionday.DayOverview;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.federation.vocab.Negotiation;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.actionday.ActionDayService;
import org.coordo.server.service.aggregation.NationalService;
import org.coordo.server.web.map.MapOutline;

/**
 * The public page of a day of action (issue 17), on every node that knows the day:
 *
 * <pre>
 * GET /days/:id   anyone   the day, its events by city and on the map, the cities that have not answered, its feeds
 * </pre>
 *
 * An id that cannot name a day is the 404 page without a lookup; an unknown one the same 404. A server asking for
 * ActivityStreams (or an editor pasting this page's address on another node, which then fetches it) is sent to
 * the day's call, on this node or at its origin ({@code 303 See Other}, {@code Vary: Accept}); the page names it
 * as its alternate ({@code Link: <call>; rel="alternate"; type="application/activity+json"}).
 */
public final class DayPages {
  private final Pages pages;
  private final ActionDayService days;
  private final NationalService national;
  private final MapOutline map = MapOutline.france();

  /** @param national the national coordination (its cities' handles and pages), or null on a city node */
  public DayPages(ActionDayService days, NationalService national, URI publicUrl) {
    this.pages = new Pages(Messages.load(), new Renderer(), publicUrl);
    this.days = days;
    this.national = national;
  }

  public void mount(Router router) {
    pages.mount(router.get("/days/:id"), Access.PUBLIC, this::show);
  }

  private void show(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!DayIds.isWellFormed(id)) {
      throw NodeError.notFound("day of action");
    }
    if (Negotiation.wantsActivityStreams(ctx.request().getHeader("Accept"))) {
      days.find(id).onSuccess(found -> {
        if (found.isEmpty()) {
          pages.error(ctx, NodeError.notFound("day of action"));
          return;
        }
        ctx.response().setStatusCode(303).putHeader("Location", found.get().uri()).putHeader("Vary", "Accept").end();
      }).onFailure(e -> pages.error(ctx, e));
      return;
    }
    PageContext p = pages.context(ctx);
    Future<List<FollowedCity>> cities = national == null ? Future.succeededFuture(List.of()) : national.cities();
    Future.all(days.overview(id), cities).onSuccess(all -> {
      DayOverview overview = all.resultAt(0);
      Map<String, FollowedCity> followed = new LinkedHashMap<>();
      for (FollowedCity c : all.<List<FollowedCity>>resultAt(1)) {
        followed.putIfAbsent(c.name(), c);
      }
      ctx.response().putHeader("Vary", "Accept").putHeader("Link",
          "<" + overview.day().uri() + ">; rel=\"alternate\"; type=\"application/activity+json\"");
      pages.render(ctx, 200, "day.jte", p, "d", new DayPage(overview, followed, pages.host, map, p.messages()));
    }).onFailure(e -> pages.error(ctx, e));
  }
}
