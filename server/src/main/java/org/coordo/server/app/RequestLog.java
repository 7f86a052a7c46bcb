package org.coordo.server.app;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per request, when its response ends: method, path, status, duration. */
final class RequestLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("coordo.http");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(done -> {
      double millis = (System.nanoTime() - start) / 1e6;
      // A failed end: the connection closed before the whole response was written.
      String status = ctx.response().getStatusCode() + (done.succeeded() ? "" : " (connection closed)");
      LOG.info("{} {} {} {}ms", ctx.request().method(), ctx.request().path(), status,
          String.format(java.util.Locale.ROOT, "%.1f", millis));
    });
    ctx.next();
  }
}
