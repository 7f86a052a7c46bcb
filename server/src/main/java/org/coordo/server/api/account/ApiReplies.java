package org.coordo.server.api.account;

import org.coordo.federation.JsonBodies;
import org.coordo.server.error.NodeError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Ends account API exchanges: a result as JSON; a failure (a {@link NodeError} with its fields and
 * {@code Retry-After}, or anything else) goes to the node's failure handler ({@code ctx.fail}).
 */
public final class ApiReplies {
  private ApiReplies() {}

  public static <T> void reply(RoutingContext ctx, Future<T> result, int status, Function<T, JsonObject> toJson) {
    result.onSuccess(value -> {
      JsonObject body = toJson.apply(value);
      ctx.response().setStatusCode(status);
      if (body == null) {
        ctx.response().end();
      } else {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
      }
    }).onFailure(ctx::fail);
  }

  /** 204 No Content once the future succeeds. */
  public static void noContent(RoutingContext ctx, Future<?> result) {
    reply(ctx, result, 204, ignored -> null);
  }

  /**
   * The request body as a JSON object; 415 unless sent as {@code application/json} (a cross-site
   * form cannot send that type without a CORS preflight, which this node never grants), 400 when
   * it is missing or not an object.
   */
  public static JsonObject body(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).strip().startsWith("application/json")) {
      throw NodeError.unsupportedType("send the body as application/json");
    }
    if (ctx.body().length() == 0) {
      throw NodeError.badRequest("expected a JSON object");
    }
    try {
      return JsonBodies.object(ctx.body().buffer());
    } catch (JsonBodies.Invalid e) {
      throw NodeError.badRequest(e.getMessage());
    }
  }

  /** A string field, or null when absent; a non-string value is a 422 for that field. */
  public static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw NodeError.invalid(field, "must be a string");
  }

  public static Boolean bool(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw NodeError.invalid(field, "must be true or false");
  }

  public static Integer integer(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) < Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw NodeError.invalid(field, "must be a whole number");
  }
}
