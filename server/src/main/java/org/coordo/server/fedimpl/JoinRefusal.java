package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.Publishing;

/**
 * Answers a {@code Join} of one of our events (Mobilizon's "participate") with a {@code Reject}
 * from the collective that organises it: Coordo keeps no participant lists, and FEP-8a8e asks
 * servers that do not handle {@code Join} to say so rather than leave the participant waiting.
 * A Join of anything else of ours is ignored. Idempotent enough: a replayed Join is rejected again.
 */
final class JoinRefusal {
  private final Publishing publishing;

  JoinRefusal(Publishing publishing) {
    this.publishing = publishing;
  }

  Future<Void> onJoin(InboundActivity join) {
    var key = publishing.uris.parseObject(join.objectId());
    if (key.isEmpty() || key.get().kind() != PublicationKind.EVENT) {
      return Future.succeededFuture();
    }
    return publishing.service.find(key.get()).compose(found -> {
      if (found.isEmpty() || !found.get().isPublic()) {
        return Future.succeededFuture();
      }
      JsonObject reject = new JsonObject()
          .put("type", "Reject")
          .put("object", join.activity().copy())
          .put("to", new JsonArray().add(join.actor().toString()));
      return publishing.federation.publish(found.get().collective(), List.of(reject), batch -> {}).mapEmpty();
    });
  }
}
