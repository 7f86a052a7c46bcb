package org.coordo.server.app;

import io.vertx.ext.web.Router;

/**
 * Mounts a group of routes on the node's router, on services the {@link NodeAssembly} built and
 * started. A mounter holds no state and starts nothing: what the routes need is in {@link
 * NodeServices}. The order is {@link NodeRoutes}'s.
 */
@FunctionalInterface
public interface RouteMounter {

  /** Adds the routes. Errors go through {@code ctx.fail(…)} to the node's failure handler. */
  void mount(Router router, NodeServices node);
}
