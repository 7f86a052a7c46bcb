package org.coordo.federation.spi;

import io.vertx.core.json.JsonObject;
import org.coordo.federation.LocalActor;

/**
 * Lets the server add its own properties to a local actor's document (e.g. a collective's
 * {@code upcomingEvents} collection, FEP-8a8e), declaring any new term in the document's inline
 * {@code @context} map ({@code document.getJsonArray("@context").getJsonObject(2)}). Called for every
 * actor document served: it must be cheap and do no I/O. It cannot replace the protocol properties
 * (id, keys, inbox…): those are written again after it runs.
 */
@FunctionalInterface
public interface ActorExtension {
  void extend(LocalActor actor, JsonObject document);

  ActorExtension NONE = (actor, document) -> {};
}
