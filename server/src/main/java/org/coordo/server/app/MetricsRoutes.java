package org.coordo.server.app;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import io.vertx.ext.web.Router;

/**
 * {@code GET /metrics}: the Prometheus text exposition of the node's Micrometer registry (Vert.x
 * HTTP/worker metrics, JVM memory, GC, threads, process uptime and CPU).
 */
public final class MetricsRoutes implements RouteMounter {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  @Override
  public void mount(Router router, NodeServices services) {
    NodeContext node = services.platform();
    AccessGate.api(router.get("/metrics"), Access.PUBLIC).handler(ctx -> ctx.response()
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .end(node.metrics().scrape()));
  }
}
