package org.coordo.server.web;

import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.toolbox.ToolboxService;

/**
 * Sends a toolbox file: as its sniffed type, {@code nosniff}, in a sandbox with no script
 * ({@code Content-Security-Policy: default-src 'none'; sandbox}), and as an attachment with a safe
 * file name — only raster images are shown in the page ({@code inline}); SVG is never accepted. A
 * public document's files may be cached but are revalidated ({@code no-cache}, ETag: the hash), so a
 * new version or a change to members-only shows at once; members' files and earlier versions are
 * {@code private, no-store}. What the reader may not see is the 404 page.
 */
final class ToolboxDownloads {
  private final Pages pages;
  private final ToolboxService toolbox;

  ToolboxDownloads(Pages pages, ToolboxService toolbox) {
    this.pages = pages;
    this.toolbox = toolbox;
  }

  /** GET …/{id}/download: the main file's current version. */
  void main(RoutingContext ctx) {
    send(ctx, 1, null);
  }

  /** GET …/{id}/files/{file}: that file's current version. */
  void current(RoutingContext ctx) {
    send(ctx, number(ctx.pathParam("file")), null);
  }

  /** GET …/{id}/files/{file}/versions/{n}: that version (an earlier one: editors only). */
  void version(RoutingContext ctx) {
    send(ctx, number(ctx.pathParam("file")), number(ctx.pathParam("n")));
  }

  private void send(RoutingContext ctx, int fileId, Integer version) {
    String collective = ctx.pathParam("name");
    toolbox.download(AuthHandler.principal(ctx), collective, ctx.pathParam("id"), fileId, version)
        .compose(d -> ctx.vertx().fileSystem().exists(d.path().toString()).map(there -> {
          if (!there) {
            throw NodeError.notFound("file");
          }
          return d;
        }))
        .onSuccess(d -> {
          boolean shared = d.document().isPublic() && d.version().number() == d.file().current().number();
          String etag = "\"" + d.version().hash() + "\"";
          ctx.response()
              .putHeader("Content-Type", d.version().mediaType())
              .putHeader("X-Content-Type-Options", "nosniff")
              .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
              .putHeader("Content-Disposition", disposition(d.version().isImage(), d.file().name()))
              .putHeader("Cache-Control", shared ? "public, no-cache" : "private, no-store")
              .putHeader("Referrer-Policy", "same-origin")
              .putHeader("ETag", etag);
          if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
            return;
          }
          ctx.response().sendFile(d.path().toString()).onFailure(ctx::fail);
        })
        .onFailure(e -> pages.error(ctx, e));
  }

  /**
   * {@code attachment} (or {@code inline} for a raster image) with the name twice: an ASCII fallback
   * (anything else as {@code _}) and the UTF-8 name (RFC 6266, RFC 8187).
   */
  static String disposition(boolean inline, String name) {
    String ascii = name.replaceAll("[^A-Za-z0-9._ -]", "_");
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private static int number(String s) {
    if (s == null || !s.matches("[1-9][0-9]{0,3}")) {
      throw NodeError.notFound("file");
    }
    return Integer.parseInt(s);
  }
}
