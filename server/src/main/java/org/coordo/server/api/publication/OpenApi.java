package org.coordo.server.api.publication;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the hand-written OpenAPI 3.1 document kept next to the handlers ({@code openapi.json} in
 * this package's resources). A test checks that every mounted route appears in it.
 */
public final class OpenApi {
  private static final String RESOURCE = "/org/coordo/server/api/publication/openapi.json";
  private static volatile Buffer cached;

  private OpenApi() {}

  public static JsonObject document() {
    return new JsonObject(load());
  }

  static void serve(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=300")
        .end(load());
  }

  private static Buffer load() {
    Buffer b = cached;
    if (b == null) {
      try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing " + RESOURCE);
        }
        b = Buffer.buffer(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cached = b;
    }
    return b;
  }
}
