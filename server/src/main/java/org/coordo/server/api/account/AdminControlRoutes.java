package org.coordo.server.api.account;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.coordo.server.app.ControlModule;

/**
 * {@code POST /_control/admin/:operation} (see {@link AdminOperations}): how {@code ./coordo admin …}
 * reaches a running node, which holds the database lock. Guarded like the other control endpoints:
 * local callers only, {@code Authorization: Bearer <dataDir/control.token>}. Mounted before the
 * {@code AuthHandler} (whose bearer tokens are API tokens, not this one).
 */
final class AdminControlRoutes {
  private final AdminOperations operations;
  private final byte[] controlToken;

  /** @param controlToken the node's control token; null disables these routes (503) */
  AdminControlRoutes(AdminOperations operations, String controlToken) {
    this.operations = operations;
    this.controlToken = controlToken == null ? null : controlToken.getBytes(StandardCharsets.UTF_8);
  }

  void mount(Router router) {
    router.post("/_control/admin/:operation").handler(this::authorize).handler(ApiReplies.guard(this::run));
  }

  private void run(RoutingContext ctx) {
    JsonObject args = ctx.body().length() == 0 ? new JsonObject() : ApiReplies.body(ctx);
    ApiReplies.reply(ctx, operations.run(ctx.pathParam("operation"), args), 200, json -> json);
  }

  private void authorize(RoutingContext ctx) {
    if (controlToken == null) {
      ctx.fail(new HttpException(503, "control endpoints are not enabled on this node"));
      return;
    }
    if (!ControlModule.isLocalCaller(ctx.request())) {
      ctx.fail(new HttpException(403, "control endpoints answer local callers only"));
      return;
    }
    String auth = ctx.request().getHeader("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(new HttpException(401, "missing bearer token"));
      return;
    }
    byte[] presented = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(controlToken, presented)) {
      ctx.fail(new HttpException(403, "wrong token"));
      return;
    }
    ctx.next();
  }
}
