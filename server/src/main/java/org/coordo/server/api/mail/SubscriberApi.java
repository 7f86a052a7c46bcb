package org.coordo.server.api.mail;

import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.coordo.server.app.NodeServices;
import org.coordo.server.app.RouteMounter;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.convert.SubscriptionApiConverter;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.mail.SubscriptionService;

/**
 * A collective's email subscribers, for node admins only (the addresses are shown nowhere else):
 *
 * <pre>
 * GET    /api/collectives/:name/subscribers[?after=address&amp;limit=n]   admin → {subscribers, confirmed, next}
 * DELETE /api/collectives/:name/subscribers/:id                          admin → 204 (404 when there was none)
 * </pre>
 */
public final class SubscriberApi implements RouteMounter {
  static final int DEFAULT_LIMIT = 100;

  @Override
  public void mount(Router router, NodeServices node) {
    SubscriptionService subs = node.subscriptions();
    if (subs == null) {
      return;
    }
    AccessGate.api(router.get("/api/collectives/:name/subscribers"), Access.ADMIN).handler(ctx -> list(ctx, subs));
    AccessGate.api(router.delete("/api/collectives/:name/subscribers/:id"), Access.ADMIN).handler(ctx -> delete(ctx, subs));
  }

  private static void list(RoutingContext ctx, SubscriptionService subs) {
    AuthHandler.require(ctx).requireAdmin();
    String scope = ctx.pathParam("name");
    int limit = limit(ctx.queryParams().get("limit"));
    subs.list(scope, ctx.queryParams().get("after"), limit + 1).compose(items -> subs.scopes().map(counts -> {
      long confirmed = counts.stream().filter(c -> c.scope().equals(scope)).mapToLong(c -> c.confirmed()).sum();
      List<Subscription> page = items.size() > limit ? items.subList(0, limit) : items;
      String next = items.size() > limit ? page.get(page.size() - 1).email() : null;
      return SubscriptionApiConverter.page(page, confirmed, next);
    })).onSuccess(json -> send(ctx, 200, json)).onFailure(ctx::fail);
  }

  private static void delete(RoutingContext ctx, SubscriptionService subs) {
    AuthHandler.require(ctx).requireAdmin();
    subs.delete(ctx.pathParam("id")).onSuccess(done -> {
      if (done) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.fail(NodeError.notFound("subscription"));
      }
    }).onFailure(ctx::fail);
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw NodeError.badParameter("limit", "expected a number from 1 to 1000");
  }

  private static void send(RoutingContext ctx, int status, JsonObject json) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store").end(json.encode());
  }
}
