package org.coordo.server.api.publication;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.coordo.federation.FederationException;
import org.coordo.server.service.publication.PublicationException;

/**
 * The publication routes' failure handler, mounted ahead of the node's: renders {@link
 * PublicationException} as {@code {error, status[, fields]}} (422 carries one message per field),
 * malformed JSON as 400 and federation's errors with their status. Anything else goes on to the
 * node's handler (which logs it and answers 500).
 */
final class ApiFailures implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    if (failure instanceof PublicationException e) {
      JsonObject body = new JsonObject().put("error", e.safeMessage()).put("status", e.status());
      if (!e.fields().isEmpty()) {
        body.put("fields", new JsonObject(new java.util.LinkedHashMap<>(e.fields())));
      }
      send(ctx, e.status(), body);
    } else if (failure instanceof DecodeException) {
      send(ctx, 400, new JsonObject().put("error", "malformed JSON: the body must be a JSON object").put("status", 400));
    } else if (failure instanceof FederationException e) {
      send(ctx, e.status(), new JsonObject().put("error", e.safeMessage()).put("status", e.status()));
    } else {
      ctx.next();
    }
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }
}
