package org.coordo.federation.spi;

import io.vertx.core.Future;

/**
 * Usage counts for NodeInfo, supplied by the server (which knows its members and posts). The
 * default (see {@code nodeinfo.NodeInfo}) counts local Person actors and reports 0 posts.
 */
@FunctionalInterface
public interface UsageProvider {

  /** NodeInfo {@code usage}: users (total, active over 6 months, over 1 month) and local posts. */
  record Usage(long totalUsers, long activeHalfyear, long activeMonth, long localPosts) {}

  Future<Usage> usage();
}
