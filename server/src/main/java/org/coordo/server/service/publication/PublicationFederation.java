package org.coordo.server.service.publication;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import org.coordo.storage.KvBatch;

/**
 * How publishing reaches federation: federation's {@code Publisher.publishAll} fits ({@code
 * publisher::publishAll}). It writes {@code alsoWrite}'s records, the activities of one change (a
 * Create and the group's Announces of it, say) and all their delivery jobs in ONE batch, and
 * answers the activity ids once that batch is on disk.
 */
@FunctionalInterface
public interface PublicationFederation {
  Future<List<URI>> publish(String actorName, List<JsonObject> activities, Consumer<KvBatch> alsoWrite);
}
