package org.coordo.server.api.aggregation;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.coordo.federation.FederationContext;
import org.coordo.federation.Uris;
import org.coordo.federation.BodyBudget;
import org.coordo.federation.JsonBodies;
import org.coordo.server.app.ControlRoutes;
import org.coordo.server.app.ControlToken;
import org.coordo.server.error.NodeError;

/**
 * {@code POST /_control/follow {"as": "grenoble", "target": "@lille@lille.example"}}: how {@code
 * ./coordo follow} makes a local collective (or the national group) follow another one on the
 * running node. Local callers only, {@code Authorization: Bearer <dataDir/control.token>}; routed
 * before the accounts' {@code AuthHandler}, whose bearer tokens are API tokens.
 */
final class FollowControlRoutes {
  private final FederationContext federation;
  private final Handler<RoutingContext> guard;
  private final BodyBudget bodyBudget;

  /**
   * @param controlToken the node's control token; null disables the route (503)
   * @param bodyBudget the node's budget of bodies in flight
   */
  FollowControlRoutes(FederationContext federation, ControlToken controlToken, BodyBudget bodyBudget) {
    this.bodyBudget = bodyBudget;
    this.federation = federation;
    this.guard = ControlRoutes.guard(controlToken);
  }

  void mount(Router router) {
    // before the node's own BodyHandler and AuthHandler: read the (small) body here
    AccessGate.api(router.post("/_control/follow").order(-1), Access.CONTROL)
        .handler(bodyBudget.guard(16 * 1024, io.vertx.ext.web.handler.BodyHandler.create(false).setBodyLimit(16 * 1024)))
        .handler(guard).handler(this::follow);
  }

  private void follow(RoutingContext ctx) {
    JsonObject body;
    try {
      body = JsonBodies.object(ctx.body().buffer());
    } catch (JsonBodies.Invalid e) {
      ctx.fail(NodeError.badRequest(e.getMessage()));
      return;
    }
    String as = body == null ? null : body.getString("as");
    String target = body == null ? null : body.getString("target");
    if (as == null || !Uris.isValidActorName(as)) {
      ctx.fail(NodeError.badParameter("as", "expected a local collective name"));
      return;
    }
    if (target == null || target.isBlank()) {
      ctx.fail(NodeError.badParameter("target", "expected @name@host or an actor URL"));
      return;
    }
    federation.actors().require(as)
        .compose(actor -> federation.follow(as, target.trim()))
        .onSuccess(f -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
            .end(new JsonObject().put("as", as).put("actor", f.actorId().toString())
                .put("state", f.state().name().toLowerCase(java.util.Locale.ROOT)).encode()))
        .onFailure(ctx::fail);
  }
}
