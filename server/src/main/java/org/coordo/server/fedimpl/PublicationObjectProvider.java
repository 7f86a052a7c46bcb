package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;
import org.coordo.federation.spi.ObjectProvider;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.service.publication.PublicationService;

/** Lets federation look up our publications by id: published ones only (not drafts, not tombstones). */
public final class PublicationObjectProvider implements ObjectProvider {
  private final PublicationService service;
  private final PublicationAsConverter as;

  public PublicationObjectProvider(PublicationService service, PublicationAsConverter as) {
    this.service = service;
    this.as = as;
  }

  @Override
  public Future<Optional<JsonObject>> findObject(URI id) {
    var key = as.uris().parseObject(id == null ? null : id.toString());
    if (key.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return service.find(key.get()).map(p -> p.filter(x -> x.isPublished()).map(as::toDocument));
  }
}
