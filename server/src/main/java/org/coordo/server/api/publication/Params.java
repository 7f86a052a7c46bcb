package org.coordo.server.api.publication;

import io.vertx.core.buffer.Buffer;
import org.coordo.federation.JsonBodies;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.coordo.federation.Uris;
import org.coordo.server.error.NodeError;
import org.coordo.storage.Cursor;

/** Reading path and query parameters and JSON bodies, with 400/404 for bad ones. */
final class Params {
  private Params() {}

  static String collective(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (!Uris.isValidActorName(name)) {
      throw NodeError.notFound("collective");
    }
    return name;
  }

  static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !id.matches("[0-9a-z]{1,64}")) {
      throw NodeError.notFound("publication");
    }
    return id;
  }

  static Cursor cursor(RoutingContext ctx) {
    return cursor(ctx.queryParams().get("cursor"));
  }

  /** The {@code cursor} query parameter's value (null when absent); 400 when malformed. */
  static Cursor cursor(String c) {
    if (c == null || c.isEmpty()) {
      return null;
    }
    if (!c.matches("[A-Za-z0-9_-]{1,2048}")) {
      throw NodeError.badRequest("malformed cursor");
    }
    try {
      Cursor cursor = Cursor.decode(c);
      if (cursor.lastKey().length == 0) {
        throw NodeError.badRequest("malformed cursor");
      }
      return cursor;
    } catch (IllegalArgumentException e) {
      throw NodeError.badRequest("malformed cursor");
    }
  }

  static int limit(RoutingContext ctx, int dflt) {
    return limit(ctx.queryParams().get("limit"), dflt);
  }

  /** The {@code limit} query parameter's value (null when absent: {@code dflt}); 400 unless 1 to 100. */
  static int limit(String l, int dflt) {
    if (l == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(l.trim());
      if (n < 1 || n > 100) {
        throw NodeError.badRequest("limit must be a number from 1 to 100");
      }
      return n;
    } catch (NumberFormatException e) {
      throw NodeError.badRequest("limit must be a number from 1 to 100");
    }
  }

  /**
   * The request body as a JSON object: 400 when missing, malformed, not strict UTF-8, too complex
   * ({@link JsonBodies}) or not an object.
   */
  static JsonObject body(RoutingContext ctx) {
    return body(ctx.body() == null ? null : ctx.body().buffer());
  }

  /** A request body (null when there is none) as a JSON object: 400 when missing, malformed or not an object. */
  static JsonObject body(Buffer body) {
    if (body == null || body.length() == 0) {
      throw NodeError.badRequest("a JSON object body is required");
    }
    try {
      return JsonBodies.object(body);
    } catch (JsonBodies.Invalid e) {
      throw NodeError.badRequest(e.getMessage());
    }
  }
}
