package org.coordo.server.fedimpl;

import io.vertx.core.json.JsonObject;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.spi.ActorExtension;
import org.coordo.server.convert.AsContext;
import org.coordo.server.convert.PublicationUris;

/**
 * Adds to each collective's {@code Group} document the link to its {@code upcomingEvents}
 * collection (FEP-8a8e: actors that publish events serve one, ordered by start time), so that an
 * event-aware server finds the agenda from the actor.
 */
public final class CollectiveActorExtension implements ActorExtension {
  private final PublicationUris uris;

  public CollectiveActorExtension(PublicationUris uris) {
    this.uris = uris;
  }

  @Override
  public void extend(LocalActor actor, JsonObject document) {
    if (actor.type() != ActorType.Group) {
      return;
    }
    AsContext.declareUpcomingEvents(document.getJsonArray("@context").getJsonObject(2));
    document.put("upcomingEvents", uris.upcomingEvents(actor.name()).toString());
  }
}
