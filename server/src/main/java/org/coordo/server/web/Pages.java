package org.coordo.server.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.CrossSiteGuard;
import org.coordo.server.auth.CsrfToken;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.error.NodeError;

/**
 * What every page handler shares: the page context of a request (language, principal, form
 * token), rendering, and error pages in the reader's language (the cause goes to the log only).
 */
final class Pages {
  final Messages messages;
  final Renderer renderer;
  final CsrfToken csrf;
  final String host;
  /** The node's public URL without a trailing slash (embed snippets). */
  final String base;

  Pages(Messages messages, Renderer renderer, URI publicUrl) {
    this.messages = messages;
    this.renderer = renderer;
    this.csrf = new CsrfToken("https".equalsIgnoreCase(publicUrl.getScheme()));
    this.base = publicUrl.toString().replaceAll("/+$", "");
    this.host = publicUrl.getPort() < 0 ? publicUrl.getHost() : publicUrl.getHost() + ":" + publicUrl.getPort();
  }

  PageContext context(RoutingContext ctx) {
    String lang = Locales.resolve(ctx);
    String query = ctx.request().query();
    String uri = ctx.normalizedPath() + (query == null ? "" : "?" + query);
    return new PageContext(messages.bundle(lang), uri, AuthHandler.principal(ctx), csrf.token(ctx), host);
  }

  void render(RoutingContext ctx, int status, String template, PageContext p, Object... namesAndValues) {
    Map<String, Object> params = new HashMap<>();
    params.put("p", p);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    renderer.send(ctx, status, template, params);
  }

  /** A page for a failure: its status and a message in the reader's language (see {@link ErrorResponses}). */
  void error(RoutingContext ctx, Throwable failure) {
    ErrorResponses.page(ctx, failure, this::errorPage);
  }

  /** Draws the error page of {@code error}: its status, and a message chosen by status. */
  void errorPage(RoutingContext ctx, NodeError error) {
    int status = error.status();
    String key = switch (status) {
      case 401 -> "error.401";
      case 403 -> CrossSiteGuard.MESSAGE.equals(error.safeMessage()) ? "error.crossSite" : "error.403";
      case 404, 410 -> "error.404";
      case 405 -> "error.405";
      case 413 -> "error.413";
      case 429 -> "error.429";
      default -> status >= 500 ? "error.500" : "error.400";
    };
    render(ctx, status, "error.jte", errorContext(ctx), "status", status, "messageKey", key);
  }

  /**
   * The page context of a request that may be unreadable (its path or query string does not
   * decode: the URL guard's 400): then the language comes from the cookie or Accept-Language and the
   * page's own address is the home page.
   */
  private PageContext errorContext(RoutingContext ctx) {
    try {
      return context(ctx);
    } catch (RuntimeException unreadable) {
      io.vertx.core.http.Cookie cookie = ctx.request().getCookie(Locales.COOKIE);
      String lang = cookie != null && Messages.LANGUAGES.contains(cookie.getValue()) ? cookie.getValue()
          : Locales.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
      return new PageContext(messages.bundle(lang), "/", AuthHandler.principal(ctx), csrf.token(ctx), host);
    }
  }

  /** The status a failure answers with (for forms that turn a refusal into a field message). */
  static int statusOf(Throwable failure) {
    return ErrorResponses.statusOf(failure);
  }

  static void redirect(RoutingContext ctx, String location) {
    ctx.response().setStatusCode(303).putHeader("Location", location).putHeader("Cache-Control", "no-store").end();
  }

  /**
   * Registers a page on {@code route}: what it needs is declared there ({@link AccessGate} checks it
   * before the handler), and a synchronous failure (form token, rights, bad path) becomes the error
   * page, not JSON.
   */
  public void mount(Route route, Access access, Handler<RoutingContext> handler) {
    AccessGate.page(route, access).handler(ctx -> {
      try {
        handler.handle(ctx);
      } catch (RuntimeException e) {
        error(ctx, e);
      }
    });
  }
}
