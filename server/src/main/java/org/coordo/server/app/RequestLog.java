package org.coordo.server.app;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request, when its response ends: method, path, status, duration. Secrets that
 * travel in paths (invitation tokens) are masked, so logs can be shared without granting access.
 */
final class RequestLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("coordo.http");
  private static final Pattern SECRET_IN_PATH = Pattern.compile("(/invitations/)[^/]+");

  /** The path as logged: {@code /api/invitations/abc…/accept} → {@code /api/invitations/…/accept}. */
  static String loggable(String path) {
    return path == null ? "" : SECRET_IN_PATH.matcher(path).replaceAll("$1…");
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      if (!LOG.isInfoEnabled()) {
        return;
      }
      long tenths = (System.nanoTime() - start) / 100_000;
      // A failed end: the connection closed before the whole response was written.
      String status = ctx.response().getStatusCode() + (done.succeeded() ? "" : " (connection closed)");
      LOG.info("{} {} {} {}.{}ms", ctx.request().method(), loggable(ctx.request().path()), status,
          tenths / 10, tenths % 10);
    });
    ctx.next();
  }
}
