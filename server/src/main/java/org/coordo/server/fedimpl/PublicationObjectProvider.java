package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;
import org.coordo.federation.spi.ObjectProvider;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.publication.PublicationRepository;

/**
 * Lets federation look up our publications by id: published ones only (not drafts, not tombstones).
 * Reads only, so it is built before the federation it is registered with.
 */
public final class PublicationObjectProvider implements ObjectProvider {
  private final StoreCalls storage;
  private final PublicationRepository publications;
  private final PublicationAsConverter as;

  public PublicationObjectProvider(StoreCalls storage, PublicationRepository publications, PublicationAsConverter as) {
    this.storage = storage;
    this.publications = publications;
    this.as = as;
  }

  @Override
  public Future<Optional<JsonObject>> findObject(URI id) {
    var key = as.uris().parseObject(id == null ? null : id.toString());
    if (key.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return storage.call(store -> publications.find(key.get()))
        .map(p -> p.filter(x -> x.isPublished()).map(as::toDocument));
  }
}
