package org.coordo.server.service.publication;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.function.Consumer;
import org.coordo.storage.KvBatch;

/**
 * How publishing reaches federation: federation's {@code Publisher.publish} fits ({@code
 * publisher::publish}). It writes {@code alsoWrite}'s records, the activity and its delivery jobs in
 * one batch, and answers the activity id once that batch is on disk.
 */
@FunctionalInterface
public interface PublicationFederation {
  Future<URI> publish(String actorName, JsonObject activity, Consumer<KvBatch> alsoWrite);
}
