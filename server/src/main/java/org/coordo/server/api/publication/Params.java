package org.coordo.server.api.publication;

import org.coordo.federation.http.JsonBodies;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.coordo.federation.Uris;
import org.coordo.server.service.publication.PublicationException;
import org.coordo.storage.Cursor;

/** Reading path and query parameters and JSON bodies, with 400/404 for bad ones. */
final class Params {
  private Params() {}

  static String collective(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (!Uris.isValidActorName(name)) {
      throw PublicationException.notFound("collective");
    }
    return name;
  }

  static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !id.matches("[0-9a-z]{1,64}")) {
      throw PublicationException.notFound("publication");
    }
    return id;
  }

  static Cursor cursor(RoutingContext ctx) {
    String c = ctx.queryParams().get("cursor");
    if (c == null || c.isEmpty()) {
      return null;
    }
    if (!c.matches("[A-Za-z0-9_-]{1,2048}")) {
      throw PublicationException.badRequest("malformed cursor");
    }
    try {
      Cursor cursor = Cursor.decode(c);
      if (cursor.lastKey().length == 0) {
        throw PublicationException.badRequest("malformed cursor");
      }
      return cursor;
    } catch (IllegalArgumentException e) {
      throw PublicationException.badRequest("malformed cursor");
    }
  }

  static int limit(RoutingContext ctx, int dflt) {
    String l = ctx.queryParams().get("limit");
    if (l == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(l.trim());
      if (n < 1 || n > 100) {
        throw PublicationException.badRequest("limit must be a number from 1 to 100");
      }
      return n;
    } catch (NumberFormatException e) {
      throw PublicationException.badRequest("limit must be a number from 1 to 100");
    }
  }

  /**
   * The request body as a JSON object: 400 when missing, malformed, not strict UTF-8, too complex
   * ({@link JsonBodies}) or not an object.
   */
  static JsonObject body(RoutingContext ctx) {
    if (ctx.body() == null || ctx.body().length() == 0) {
      throw PublicationException.badRequest("a JSON object body is required");
    }
    try {
      return JsonBodies.object(ctx.body().buffer());
    } catch (JsonBodies.Invalid e) {
      throw PublicationException.badRequest(e.getMessage());
    }
  }
}
