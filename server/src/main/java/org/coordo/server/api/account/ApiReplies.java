package org.coordo.server.api.account;

import org.coordo.federation.JsonBodies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Map;
import java.util.function.Function;
import org.coordo.server.service.account.AccountException;

/**
 * Ends account API exchanges: a result as JSON, or an {@link AccountException} as {@code {error,
 * status, fields}} (with {@code Retry-After} for 429). Anything else goes to the node's failure
 * handler ({@code ctx.fail}).
 */
final class ApiReplies {
  private ApiReplies() {}

  static <T> void reply(RoutingContext ctx, Future<T> result, int status, Function<T, JsonObject> toJson) {
    result.onComplete(done -> {
      if (done.succeeded()) {
        JsonObject body = toJson.apply(done.result());
        ctx.response().setStatusCode(status);
        if (body == null) {
          ctx.response().end();
        } else {
          ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
        }
      } else {
        fail(ctx, done.cause());
      }
    });
  }

  /** Runs a handler, answering an {@link AccountException} it throws like a failed future. */
  static Handler<RoutingContext> guard(Handler<RoutingContext> handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (AccountException e) {
        fail(ctx, e);
      }
    };
  }

  /** 204 No Content once the future succeeds. */
  static void noContent(RoutingContext ctx, Future<?> result) {
    reply(ctx, result, 204, ignored -> null);
  }

  static void fail(RoutingContext ctx, Throwable cause) {
    if (cause instanceof AccountException e && !ctx.response().ended()) {
      JsonObject body = new JsonObject().put("error", e.safeMessage()).put("status", e.status());
      if (!e.fields().isEmpty()) {
        body.put("fields", new JsonObject(new java.util.LinkedHashMap<String, Object>(e.fields())));
      }
      e.retryAfter().ifPresent(d -> ctx.response()
          .putHeader("Retry-After", Long.toString(Math.max(1, (d.toMillis() + 999) / 1000))));
      ctx.response()
          .setStatusCode(e.status())
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(body.encode());
    } else {
      ctx.fail(cause);
    }
  }

  /**
   * The request body as a JSON object; 415 unless sent as {@code application/json} (a cross-site
   * form cannot send that type without a CORS preflight, which this node never grants), 400 when
   * it is missing or not an object.
   */
  static JsonObject body(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).strip().startsWith("application/json")) {
      throw new HttpException(415, "send the body as application/json");
    }
    if (ctx.body().length() == 0) {
      throw new HttpException(400, "expected a JSON object");
    }
    try {
      return JsonBodies.object(ctx.body().buffer());
    } catch (JsonBodies.Invalid e) {
      throw new HttpException(400, e.getMessage());
    }
  }

  /** A string field, or null when absent; a non-string value is a 422 for that field. */
  static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw AccountException.invalid(field, "must be a string");
  }

  static Boolean bool(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw AccountException.invalid(field, "must be true or false");
  }

  static Integer integer(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw AccountException.invalid(field, "must be a whole number");
  }
}
