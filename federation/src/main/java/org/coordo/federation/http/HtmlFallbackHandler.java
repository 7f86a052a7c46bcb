package org.coordo.federation.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.LocalActors;

/**
 * A minimal HTML page for {@code GET /actors/:name}, for a server that has no page of its own for
 * that path: mount it after everything else. Every value is HTML-escaped (the summary included,
 * shown as text). Unknown actors get a 404 page.
 */
public final class HtmlFallbackHandler implements Handler<RoutingContext> {

  private final LocalActors actors;
  private final FederationConfig config;

  public HtmlFallbackHandler(LocalActors actors, FederationConfig config) {
    this.actors = actors;
    this.config = config;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    ctx.response().putHeader("Vary", "Accept");
    if (name == null || Uris.INSTANCE_ACTOR_NAME.equals(name)) {
      notFound(ctx);
      return;
    }
    actors.find(name).onComplete(ar -> {
      if (ar.failed() || ar.result().isEmpty()) {
        notFound(ctx);
        return;
      }
      var actor = ar.result().get();
      String title = actor.displayName() == null || actor.displayName().isBlank() ? actor.name() : actor.displayName();
      String handle = "@" + actor.name() + "@" + config.authority();
      String summary = actor.summary() == null ? "" : "<p>" + escape(actor.summary()) + "</p>\n";
      page(ctx, 200, escape(title), "<h1>" + escape(title) + "</h1>\n<p>" + escape(handle) + "</p>\n" + summary);
    });
  }

  private static void notFound(RoutingContext ctx) {
    page(ctx, 404, "Not found", "<h1>Not found</h1>\n");
  }

  private static void page(RoutingContext ctx, int status, String title, String body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n<body>\n"
            + body + "</body></html>\n");
  }

  /** Escapes the five HTML-special characters. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
