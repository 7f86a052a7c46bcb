package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.coordo.federation.FederationContext;
import org.coordo.federation.Ownership;
import org.coordo.federation.FetchException;
import org.coordo.federation.Uris;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.spi.InboxListener;
import org.coordo.federation.vocab.As;
import org.coordo.server.convert.AggregatedItemConverter;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.text.SafeUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes the calls, minutes and events of followed collectives, whatever path they take. Who may
 * file what under a collective follows {@link Ownership}, never the origin alone:
 *
 * <ul>
 *   <li>{@code Create} / {@code Update} with the object embedded: the signer's claim, filed under the
 *       signer only, when the object names it as author ({@code attributedTo} / {@code actor});
 *   <li>{@code Announce} by a group (FEP-1b12), of an object or of an embedded {@code Create} /
 *       {@code Update} / {@code Delete}: trusted for the group's own objects only (same origin, and the
 *       group named as author); anything else is refetched from its origin;
 *   <li>{@code Announce} of an object URI, and every refetch: the document fetched from its origin (its
 *       id checked against the origin that answered) is filed under the first followed actor it names
 *       as author on its own origin, or, when it came through a followed actor's announce (a national
 *       re-announce), under its collective among those authors;
 *   <li>{@code Delete} (id or {@code Tombstone}) removes an item only when sent by the collective it is
 *       filed under; a refetch answering 404 / 410 / Tombstone (the origin's word) removes it too. An
 *       update never moves an item to another collective.
 * </ul>
 *
 * Only objects of a collective a local actor follows, or boosted by a followed actor, are kept. The listeners never fail on
 * bad remote content (they log and return), only on storage errors, so that the inbox retries only
 * what can succeed.
 */
public final class AggregationInboxListener {
  private static final Logger LOG = LoggerFactory.getLogger(AggregationInboxListener.class);

  private final FederationContext federation;
  private final AggregationService service;

  public AggregationInboxListener(FederationContext federation, AggregationService service) {
    this.federation = federation;
    this.service = service;
  }

  /** Registers the listeners ({@code federation.listeners()::on} or a builder's {@code on}). */
  public void register(BiConsumer<String, InboxListener> on) {
    on.accept("Create", this::onCreateOrUpdate);
    on.accept("Update", this::onCreateOrUpdate);
    on.accept("Delete", this::onDelete);
    on.accept("Announce", this::onAnnounce);
  }

  Future<Void> onCreateOrUpdate(InboundActivity a) {
    JsonObject object = a.objectAsJson();
    if (object == null) {
      String id = a.objectId();
      return id == null ? done() : fetchAndIngest(id, a.actor());
    }
    if ("Tombstone".equals(As.typeOf(object))) {
      return removeIfOwnedBy(object.getValue("id") instanceof String id ? id : null, a.actor()).mapEmpty();
    }
    return ingestClaimed(object, a.actor());
  }

  Future<Void> onDelete(InboundActivity a) {
    return removeIfOwnedBy(a.objectId(), a.actor()).mapEmpty();
  }

  Future<Void> onAnnounce(InboundActivity a) {
    URI announcer = a.actor();
    JsonObject embedded = a.objectAsJson();
    if (embedded == null) {
      String id = a.objectId();
      // a boost of what we already hold (the group's plain Announce after its Create) needs no fetch;
      // changes come as Update
      return id == null ? done()
          : service.find(id).compose(found -> found.isPresent() ? done() : fetchAndIngest(id, announcer));
    }
    String type = As.typeOf(embedded);
    if (AggregatedItemConverter.isIndexable(embedded)) {
      String id = embedded.getValue("id") instanceof String s ? s : null;
      return isOwnObject(embedded, id, announcer) ? ingestClaimed(embedded, announcer)
          : id == null ? done() : fetchAndIngest(id, announcer);
    }
    if (!"Create".equals(type) && !"Update".equals(type) && !"Delete".equals(type)) {
      return done();
    }
    Object inner = embedded.getValue("object");
    String innerId = As.idOf(inner);
    if (innerId == null || !SafeUrls.isHttp(innerId)) {
      return done();
    }
    boolean fromGroup = Ownership.sameOrigin(embedded.getValue("id") instanceof String s ? s : null, announcer);
    if ("Delete".equals(type)) {
      // the group's word for its own items; for anything else, the origin's
      return fromGroup ? removeIfOwnedBy(innerId, announcer).compose(removed -> removed ? done()
          : service.find(innerId).compose(found -> found.isPresent() ? fetchAndIngest(innerId, announcer) : done()))
          : fetchAndIngest(innerId, announcer);
    }
    if (fromGroup && inner instanceof JsonObject object && isOwnObject(object, innerId, announcer)) {
      return "Tombstone".equals(As.typeOf(object)) ? removeIfOwnedBy(innerId, announcer).mapEmpty()
          : ingestClaimed(object, announcer);
    }
    return fetchAndIngest(innerId, announcer);
  }

  /** A group's own object: of its origin, and naming it as author. */
  private static boolean isOwnObject(JsonObject object, String id, URI group) {
    return id != null && Ownership.sameOrigin(id, group) && Ownership.isNamedAuthor(object, group);
  }

  /**
   * Fetches an object from its origin (signed, id checked) and ingests it ({@link #ingestFetched}); a gone
   * object is removed.
   *
   * @param via the actor whose activity led here (its announce, its Create of a bare id, its outbox)
   */
  public Future<Void> fetchAndIngest(String id, URI via) {
    return fetchAndIngest(id, via, 0);
  }

  /** {@code depth} 1 when following an announced activity's URI to its object (once). */
  private Future<Void> fetchAndIngest(String id, URI via, int depth) {
    URI uri = Uris.parseHttp(id).orElse(null);
    if (uri == null || federation.uris().isLocal(uri)) {
      return done();
    }
    return federation.fetchActivity(uri).transform(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof FetchException fe && (fe.remoteStatus() == 404 || fe.remoteStatus() == 410)) {
          return removeIfStored(id);
        }
        LOG.info("aggregation: fetch of {} failed: {}", id, ar.cause().getMessage());
        return done();
      }
      JsonObject doc = ar.result().json();
      if (!id.equals(doc.getValue("id")) || !Ownership.sameOrigin(ar.result().finalUrl(), uri)) {
        LOG.info("aggregation: {} could not be verified at its origin", id);
        return done();
      }
      String type = As.typeOf(doc);
      if ("Tombstone".equals(type)) {
        return removeIfStored(id);
      }
      if (("Create".equals(type) || "Update".equals(type)) && depth == 0) {
        // an Announce of an activity URI (Lemmy's habit): its object, trusted only from the same origin
        Object inner = doc.getValue("object");
        String innerId = As.idOf(inner);
        if (innerId == null) {
          return done();
        }
        return inner instanceof JsonObject o && Ownership.sameOrigin(innerId, id)
            ? ingestFetched(o, via) : fetchAndIngest(innerId, via, 1);
      }
      return ingestFetched(doc, via);
    });
  }

  /**
   * Ingests an object an actor vouches for (its signed Create / Update, its announce, its outbox): filed
   * under that actor, only when the object is of its origin and names it as author, and the actor is
   * followed.
   */
  public Future<Void> ingestClaimed(JsonObject object, URI claimant) {
    String id = object.getValue("id") instanceof String s ? s : null;
    if (!Ownership.isNamedAuthor(object, claimant) || !Ownership.sameOrigin(id, claimant)) {
      LOG.info("aggregation: {} is not {}'s own object; ignored", id, claimant);
      return done();
    }
    return ingestAs(object, List.of(claimant), null);
  }

  /**
   * Ingests a document fetched from its origin (the origin vouches for its authors of that origin): filed
   * under the first followed of them, or, when {@code via} is followed (a followed aggregator's re-announce),
   * under the first of them (those the object also names as {@code audience} first: its collective).
   */
  private Future<Void> ingestFetched(JsonObject object, URI via) {
    String id = object.getValue("id") instanceof String s ? s : null;
    List<String> audience = As.idsOf(object, "audience");
    List<URI> authors = new ArrayList<>();
    for (String author : Ownership.authorsOf(object)) {
      if (Ownership.sameOrigin(author, id) && SafeUrls.isHttp(author)) {
        authors.add(audience.contains(author) ? 0 : authors.size(), URI.create(author));
      }
    }
    return ingestAs(object, authors, via);
  }

  /**
   * Stores the object under the first followed of {@code candidates} (vouched for by the caller), or under
   * the first one when {@code via} is followed.
   */
  private Future<Void> ingestAs(JsonObject object, List<URI> candidates, URI via) {
    if (!AggregatedItemConverter.isIndexable(object)) {
      return done();
    }
    String id = object.getValue("id") instanceof String s ? s : null;
    if (id == null || !SafeUrls.isHttp(id) || federation.uris().isLocal(URI.create(id))) {
      return done();
    }
    if (candidates.isEmpty()) {
      LOG.info("aggregation: {} names no collective of its origin as author; ignored", id);
      return done();
    }
    return firstFollowed(candidates, 0)
        .compose(found -> found.isPresent() ? Future.succeededFuture(found)
            : federation.isFollowedLocally(via).map(f -> f ? Optional.of(candidates.get(0)) : Optional.<URI>empty()))
        .compose(group -> {
      if (group.isEmpty()) {
        LOG.debug("aggregation: {} is from no followed collective; ignored", id);
        return done();
      }
      return federation.resolveActor(group.get()).compose(actor -> {
        AggregatedItemConverter.Group g = new AggregatedItemConverter.Group(actor.id().toString(),
            actor.preferredUsername(), actor.document().getValue("name") instanceof String n ? n : null);
        return service.ingest(object, g).<Void>mapEmpty();
      }, e -> {
        LOG.info("aggregation: collective {} of {} could not be resolved: {}", group.get(), id, e.getMessage());
        return done();
      });
    });
  }

  /** The first of {@code candidates}, from {@code index} on, that some local actor follows (accepted). */
  private Future<Optional<URI>> firstFollowed(List<URI> candidates, int index) {
    if (index == candidates.size()) {
      return Future.succeededFuture(Optional.empty());
    }
    URI c = candidates.get(index);
    return federation.isFollowedLocally(c)
        .compose(followed -> followed ? Future.succeededFuture(Optional.of(c)) : firstFollowed(candidates, index + 1));
  }

  /** Removes an item the origin says is gone (a refetch answered 404 / 410 / Tombstone). */
  private Future<Void> removeIfStored(String id) {
    if (id == null) {
      return done();
    }
    return service.find(id).compose(found -> found.isPresent() ? service.remove(id).mapEmpty() : done());
  }

  /** Removes an item at the request of the collective it is filed under; whether it was removed. */
  private Future<Boolean> removeIfOwnedBy(String id, URI actor) {
    return id == null ? Future.succeededFuture(false) : service.removeOwnedBy(id, actor);
  }

  private static Future<Void> done() {
    return Future.succeededFuture();
  }
}
