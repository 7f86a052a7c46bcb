package org.coordo.server.api.aggregation;

import org.coordo.server.api.JsonRoutes;
import org.coordo.server.auth.Access;
import org.coordo.server.convert.AggregationApiConverter;

import org.coordo.federation.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.coordo.federation.Following;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.service.aggregation.NationalService;

/**
 * The JSON API of received publications:
 *
 * <pre>
 * GET  /api/agenda?city=&amp;category=&amp;from=&amp;to=&amp;cursor=&amp;limit=   events by start time (from today by default)
 * GET  /api/national/calls|minutes?city=&amp;cursor=&amp;limit=           newest first
 * GET  /api/admin/national/follows                              (admin) who the national group follows
 * POST /api/admin/national/follows {"target": "@lille@host"}     (admin) follow a collective
 * POST /api/national/reannounce {"object": id}                  (editor of the national group) boost it
 * </pre>
 *
 * The national routes exist only on a national node ({@code national} null otherwise); the agenda
 * on every node (a city also aggregates the collectives it follows).
 */
public final class AggregationRoutes {
  private final AggregationService service;
  private final NationalService national;
  private final Clock clock;

  public AggregationRoutes(AggregationService service, NationalService national, Clock clock) {
    this.service = service;
    this.national = national;
    this.clock = clock;
  }

  public void mount(Router router) {
    JsonRoutes.route(router, HttpMethod.GET, "/api/agenda", Access.PUBLIC, this::agenda);
    JsonRoutes.route(router, HttpMethod.GET, "/api/national/calls", Access.PUBLIC, ctx -> latest(ctx, AggregatedKind.CALL));
    JsonRoutes.route(router, HttpMethod.GET, "/api/national/minutes", Access.PUBLIC, ctx -> latest(ctx, AggregatedKind.MINUTES));
    JsonRoutes.route(router, HttpMethod.GET, "/api/national/events", Access.PUBLIC, ctx -> latest(ctx, AggregatedKind.EVENT));
    if (national != null) {
      JsonRoutes.route(router, HttpMethod.GET, "/api/admin/national/follows", Access.ADMIN, this::follows);
      JsonRoutes.route(router, HttpMethod.POST, "/api/admin/national/follows", Access.ADMIN, this::follow);
      JsonRoutes.route(router, HttpMethod.POST, "/api/national/reannounce", nationalEditor(), this::reannounce);
      JsonRoutes.route(router, HttpMethod.GET, "/api/admin/national/followers", Access.ADMIN, this::pendingFollowers);
      JsonRoutes.route(router, HttpMethod.POST, "/api/admin/national/followers/approve", Access.ADMIN, ctx -> decide(ctx, true));
      JsonRoutes.route(router, HttpMethod.POST, "/api/admin/national/followers/reject", Access.ADMIN, ctx -> decide(ctx, false));
    }
  }

  /** Editors of the national group (its name is not in the path): they choose what it boosts. */
  private Access nationalEditor() {
    return Access.of("national-editor", "editor of the national group (or node admin)",
        (who, ctx) -> Future.succeededFuture(who.canPublishFor(national.groupName())));
  }

  private Future<JsonObject> agenda(RoutingContext ctx) {
    var p = ctx.queryParams();
    String city = AggregationParams.city(p);
    String category = AggregationParams.category(p);
    Instant from = AggregationParams.time(p, "from", false);
    Instant to = AggregationParams.time(p, "to", true);
    if (from == null) {
      from = LocalDate.now(clock.withZone(NodeTime.DEFAULT_ZONE)).atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant();
    }
    if (to != null && to.isBefore(from)) {
      throw NodeError.badParameter("to", "must be after from (" + from + ")");
    }
    var cursor = AggregationParams.cursor(p);
    int limit = AggregationParams.limit(p);
    Instant lo = from;
    return service.agenda(city, category, lo, to, cursor, limit)
        .recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
            ? NodeError.badParameter("cursor", "does not belong to this listing") : e))
        .map(slice -> AggregationApiConverter.page(slice.items(), slice.next()));
  }

  private Future<JsonObject> latest(RoutingContext ctx, AggregatedKind kind) {
    var p = ctx.queryParams();
    String city = AggregationParams.city(p);
    var cursor = AggregationParams.cursor(p);
    int limit = AggregationParams.limit(p);
    return service.latest(kind, city, cursor, limit).map(page -> AggregationApiConverter.page(page.items(), page.next()));
  }

  private Future<JsonObject> follows(RoutingContext ctx) {
    return national.follows().map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(f -> out.add(following(f)));
      return new JsonObject().put("group", national.groupName()).put("items", out);
    });
  }

  private Future<JsonObject> follow(RoutingContext ctx) {
    String target = bodyString(ctx, "target");
    return national.follow(target).map(AggregationRoutes::following);
  }

  private Future<JsonObject> reannounce(RoutingContext ctx) {
    String object = bodyString(ctx, "object");
    return national.reannounce(object).map(id -> new JsonObject().put("object", object).put("announce", id));
  }

  private Future<JsonObject> pendingFollowers(RoutingContext ctx) {
    return national.pendingFollowers().map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(f -> out.add(new JsonObject().put("actor", f.actorId().toString()).put("state", "pending")
          .put("since", f.followedAt().toString())));
      return new JsonObject().put("group", national.groupName()).put("items", out);
    });
  }

  private Future<JsonObject> decide(RoutingContext ctx, boolean approve) {
    String actor = bodyString(ctx, "actor");
    java.net.URI uri;
    try {
      uri = new java.net.URI(actor);
    } catch (java.net.URISyntaxException e) {
      throw NodeError.badParameter("actor", "expected an actor URL");
    }
    return national.decide(uri, approve).map(f -> new JsonObject().put("actor", f.actorId().toString())
        .put("state", f.state().name().toLowerCase(java.util.Locale.ROOT)));
  }

  private static JsonObject following(Following f) {
    return new JsonObject().put("actor", f.actorId().toString()).put("state", f.state().name().toLowerCase())
        .put("since", f.followedAt().toString());
  }

  private static String bodyString(RoutingContext ctx, String field) {
    JsonObject body;
    try {
      body = JsonBodies.object(ctx.body().buffer());
    } catch (JsonBodies.Invalid e) {
      throw NodeError.badRequest(e.getMessage());
    }
    if (!(body.getValue(field) instanceof String s) || s.isBlank() || s.length() > 2048) {
      throw NodeError.badParameter(field, "required (a string)");
    }
    return s.trim();
  }
}
