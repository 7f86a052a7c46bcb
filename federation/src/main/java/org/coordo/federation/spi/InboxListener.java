package org.coordo.federation.spi;

import io.vertx.core.Future;

/**
 * What the server registers per activity type to update its own domain when an activity arrives.
 * Called after the protocol layer persisted the activity and applied its own side effects (follow
 * state, tombstones); it must be idempotent, since a retry may call it again.
 */
@FunctionalInterface
public interface InboxListener {
  Future<Void> onActivity(InboundActivity activity);
}
