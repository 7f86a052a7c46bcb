package org.coordo.server.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;

/** A JSON API route whose handler answers a future of a JSON object (200, not cached). */
public final class JsonRoutes {
  private JsonRoutes() {}

  /**
   * Mounts {@code h} on {@code method path}, declared with its {@code access}; synchronous throws and failed
   * futures reach the node's failure handler ({@code error/ErrorResponses}).
   */
  public static void route(Router router, HttpMethod method, String path, Access access,
      Function<RoutingContext, Future<JsonObject>> h) {
    Handler<RoutingContext> handler = ctx -> {
      Future<JsonObject> f;
      try {
        f = h.apply(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      f.onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
              .putHeader("Cache-Control", "no-cache").end(json.toBuffer()))
          .onFailure(ctx::fail);
    };
    AccessGate.api(router.route(path).method(method), access).handler(handler);
  }
}
