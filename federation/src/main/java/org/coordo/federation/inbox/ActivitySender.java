package org.coordo.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * Sends an activity from a local actor (an {@code Accept} or {@code Reject} of a follow), addressed
 * directly to one remote actor in its {@code to}. The outbox {@code Publisher} implements it
 * ({@code publisher::publish}): it completes id, actor and published, stores the activity and queues
 * its delivery.
 */
@FunctionalInterface
public interface ActivitySender {
  /** @return the id given to the activity */
  Future<URI> send(String localName, JsonObject activity);
}
