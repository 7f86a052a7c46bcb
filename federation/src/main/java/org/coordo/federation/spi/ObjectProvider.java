package org.coordo.federation.spi;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;

/**
 * Lets the protocol layer read objects the server owns (calls, minutes, events, their replies), to
 * verify inbound references ("is this a reply to one of ours?") and to answer dereferencing. The
 * server serves its own object URLs; this is only a lookup.
 */
@FunctionalInterface
public interface ObjectProvider {
  /** The ActivityStreams JSON of a local object, or empty when it is not one of ours (or is deleted). */
  Future<Optional<JsonObject>> findObject(URI id);
}
