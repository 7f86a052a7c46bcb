package org.coordo.server.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The pages' own CSS, JavaScript and icon, read once from {@code web/static/} on the class path and
 * served by the node (no CDN, no external font). Cached for a day; revalidated by ETag.
 */
final class StaticAssets {
  private record Asset(Buffer body, String type, String etag) {}

  private final Map<String, Asset> assets;

  StaticAssets() {
    assets = Map.of(
        "coordo.css", load("coordo.css", "text/css; charset=utf-8"),
        "copy.js", load("copy.js", "text/javascript; charset=utf-8"),
        "embed.css", load("embed.css", "text/css; charset=utf-8"),
        "coordo-agenda.js", load("coordo-agenda.js", "text/javascript; charset=utf-8"),
        "favicon.ico", load("favicon.ico", "image/x-icon"),

        "form.js", load("form.js", "text/javascript; charset=utf-8"));
  }

  private static Asset load(String name, String type) {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("web/static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing web/static/" + name);
      }
      byte[] bytes = in.readAllBytes();
      String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
      return new Asset(Buffer.buffer(bytes), type, etag);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Size in bytes of an asset (for the page-weight check). */
  int size(String name) {
    return assets.get(name).body().length();
  }

  void serve(RoutingContext ctx) {
    serve(ctx, ctx.pathParam("file"));
  }

  /** {@code /favicon.ico}, which browsers ask for on every site whatever the page links. */
  void favicon(RoutingContext ctx) {
    serve(ctx, "favicon.ico");
  }

  private void serve(RoutingContext ctx, String name) {
    Asset a = assets.get(name);
    if (a == null) {
      ctx.next();
      return;
    }
    ctx.response().putHeader("Cache-Control", "public, max-age=86400").putHeader("ETag", a.etag())
        .putHeader("X-Content-Type-Options", "nosniff");
    if (a.etag().equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", a.type()).end(a.body());
  }
}
