package org.coordo.server.api.account;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.coordo.server.app.ControlRoutes;
import org.coordo.server.app.ControlToken;

/**
 * {@code POST /_control/admin/:operation} (see {@link AdminOperations}): how {@code ./coordo admin …}
 * reaches a running node, which holds the database lock. Guarded like the other control endpoints:
 * local callers only, {@code Authorization: Bearer <dataDir/control.token>}. Mounted before the
 * {@code AuthHandler} (whose bearer tokens are API tokens, not this one).
 */
final class AdminControlRoutes {
  private final AdminOperations operations;
  private final Handler<RoutingContext> guard;

  /** @param controlToken the node's control token; null disables these routes (503) */
  AdminControlRoutes(AdminOperations operations, ControlToken controlToken) {
    this.operations = operations;
    this.guard = ControlRoutes.guard(controlToken);
  }

  void mount(Router router) {
    AccessGate.api(router.post("/_control/admin/:operation"), Access.CONTROL).handler(guard).handler(this::run);
  }

  private void run(RoutingContext ctx) {
    JsonObject args = ctx.body().length() == 0 ? new JsonObject() : ApiReplies.body(ctx);
    ApiReplies.reply(ctx, operations.run(ctx.pathParam("operation"), args), 200, json -> json);
  }
}
