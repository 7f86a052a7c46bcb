package org.coordo.server.app;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * A group of routes mounted into the node's router (health, metrics, control, and later the
 * federation endpoints, the JSON API, the pages, the feeds). The list a node runs is assembled in
 * {@link Modules}.
 *
 * <p>Lifecycle, all on the node's event loop: {@link #start} (storage is open; load what the routes
 * need, start background work), then {@link #mount}, then, at shutdown, {@link #stop} once the HTTP
 * server has drained and before storage closes. Modules stop in reverse order.
 */
public interface HttpModule {

  /** Short name for logs. */
  default String name() {
    return getClass().getSimpleName();
  }

  default Future<Void> start(NodeContext ctx) {
    return Future.succeededFuture();
  }

  /** Adds the module's routes. Errors go through {@code ctx.fail(…)} to the node's failure handler. */
  void mount(Router router, NodeContext ctx);

  default Future<Void> stop() {
    return Future.succeededFuture();
  }
}
