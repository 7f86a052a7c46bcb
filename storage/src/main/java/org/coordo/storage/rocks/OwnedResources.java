package org.coordo.storage.rocks;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Native objects in creation order, closed in reverse order. Not thread-safe. */
final class OwnedResources {
  private static final Logger LOG = LoggerFactory.getLogger(OwnedResources.class);

  private final Deque<AutoCloseable> stack = new ArrayDeque<>();

  <T extends AutoCloseable> T own(T resource) {
    stack.push(resource);
    return resource;
  }

  /** Closes everything, last created first; a failure is logged and the rest still closed. */
  void closeAll() {
    while (!stack.isEmpty()) {
      AutoCloseable resource = stack.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
