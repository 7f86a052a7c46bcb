package org.coordo.server.app;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.error.NodeError;

/**
 * Refuses, before any route is matched, a request URI that no route could read: a {@code %} not
 * followed by two hex digits (path or query), or a path that decodes to a control character
 * ({@code %00}…{@code %1F}, {@code %7F}). Such a URI would otherwise reach Vert.x's path normaliser
 * (which throws while matching routes), the query decoder, or the storage keys as a NUL, and come
 * back as a 500. The answer is the node's error (the page for a browser, else JSON), ended here:
 * the failure handlers are matched by path too.
 */
final class UrlGuard implements Handler<RoutingContext> {
  private final ErrorResponses errors;

  UrlGuard(ErrorResponses errors) {
    this.errors = errors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String problem = problem(ctx.request().uri());
    if (problem == null) {
      ctx.next();
      return;
    }
    errors.answer(ctx, NodeError.badRequest(problem));
  }

  /** What is wrong with a request URI (path and query as sent), or null when it is readable. */
  static String problem(String uri) {
    if (uri == null) {
      return "malformed URL";
    }
    int query = uri.indexOf('?');
    int pathEnd = query < 0 ? uri.length() : query;
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      boolean inPath = i < pathEnd;
      if (c == '%') {
        if (i + 2 >= uri.length() || hex(uri.charAt(i + 1)) < 0 || hex(uri.charAt(i + 2)) < 0) {
          return inPath ? "malformed URL: a % in the path must start an escape like %20"
              : "malformed query string: a % must start an escape like %20 (write %25 for %)";
        }
        int b = hex(uri.charAt(i + 1)) * 16 + hex(uri.charAt(i + 2));
        if (inPath && (b < 0x20 || b == 0x7F)) {
          return "malformed URL: control characters are not allowed in the path";
        }
        i += 2;
      } else if (inPath && (c < 0x20 || c == 0x7F)) {
        return "malformed URL: control characters are not allowed in the path";
      }
    }
    return null;
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
