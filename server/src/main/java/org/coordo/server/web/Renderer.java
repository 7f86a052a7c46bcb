package org.coordo.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Renders the precompiled jte templates ({@code src/main/jte}, compiled at build time) and sends
 * them with the pages' security headers. Templates escape every {@code ${…}} for its HTML
 * context; only our sanitised HTML goes through {@code $unsafe}.
 */
final class Renderer {
  /** No script but our own file, no inline style, images from here only, forms post here only. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "form-action 'self' https:; base-uri 'none'; frame-ancestors 'none'";

  /**
   * The embeds' pages ({@link EmbedPages}): any site may frame them, and since they are only read
   * there, they post nowhere. Every other page keeps {@link #CSP}'s {@code frame-ancestors 'none'}.
   */
  static final String EMBED_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
      + "form-action 'none'; base-uri 'none'; frame-ancestors *";

  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  String render(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput(8192);
    engine.render(template, params, out);
    return out.toString();
  }

  void send(RoutingContext ctx, int status, String template, Map<String, Object> params) {
    send(ctx, status, template, params, CSP);
  }

  /** Sends a page under another policy than {@link #CSP} (the embeds: {@link #EMBED_CSP}). */
  void send(RoutingContext ctx, int status, String template, Map<String, Object> params, String csp) {
    String html = render(template, params);
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", csp)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Vary", "Accept, Accept-Language, Cookie")
        .end(html);
  }
}
