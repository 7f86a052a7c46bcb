package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.coordo.federation.Federation;
import org.coordo.federation.fetch.FetchException;
import org.coordo.federation.fetch.RemoteFetcher;
import org.coordo.federation.follow.FollowRef;
import org.coordo.federation.follow.FollowState;
import org.coordo.federation.remote.RemoteActorDocuments;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.spi.InboxListener;
import org.coordo.federation.vocab.As;
import org.coordo.server.service.aggregation.AggregatedItemConverter;
import org.coordo.server.service.aggregation.AggregationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes the calls, minutes and events of followed collectives, whatever path they take:
 *
 * <ul>
 *   <li>{@code Create} / {@code Update} with the object embedded (the inbox already verified that it
 *       comes from its origin, or refetched it from there);
 *   <li>{@code Announce} of an object URI: fetched through the signed fetcher, its id and final URL
 *       checked against the URI;
 *   <li>{@code Announce} of an embedded {@code Create} / {@code Update} / {@code Delete} (FEP-1b12):
 *       trusted only when the embedded activity and object come from the announcing group's origin,
 *       else the object is refetched from its own origin;
 *   <li>{@code Delete} (id or {@code Tombstone}), and a refetch answering 404 / 410 / Tombstone: the
 *       object leaves every index.
 * </ul>
 *
 * Only objects whose collective (the same-origin {@code Group} in {@code audience} /
 * {@code attributedTo}, else the sender) is followed by a local actor, or sent by a followed actor,
 * are kept. The listeners never fail on bad remote content (they log and return), only on storage
 * errors, so that the inbox retries only what can succeed.
 */
public final class AggregationInboxListener {
  private static final Logger LOG = LoggerFactory.getLogger(AggregationInboxListener.class);

  private final Federation federation;
  private final AggregationService service;

  public AggregationInboxListener(Federation federation, AggregationService service) {
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
      return removeIfStored(object.getString("id"));
    }
    return ingestVerified(object, a.actor());
  }

  Future<Void> onDelete(InboundActivity a) {
    return removeIfStored(a.objectId());
  }

  Future<Void> onAnnounce(InboundActivity a) {
    URI announcer = a.actor();
    JsonObject embedded = a.objectAsJson();
    if (embedded == null) {
      String id = a.objectId();
      // a boost of what we already hold (the group's plain Announce after its Create) needs no fetch;
      // changes come as Update
      return id == null ? done() : service.find(id).compose(found -> found.isPresent() ? done() : fetchAndIngest(id, announcer));
    }
    String type = As.typeOf(embedded);
    if (AggregatedItemConverter.isIndexable(embedded)) {
      return ingestVerified(embedded, announcer); // same origin as the announcer, or refetched by the inbox
    }
    if (!"Create".equals(type) && !"Update".equals(type) && !"Delete".equals(type)) {
      return done();
    }
    Object inner = embedded.getValue("object");
    String innerId = As.idOf(inner);
    if (innerId == null || !AggregatedItemConverter.isHttp(innerId)) {
      return done();
    }
    boolean trusted = sameOrigin(embedded.getString("id"), announcer) && sameOrigin(innerId, announcer);
    if ("Delete".equals(type)) {
      return trusted ? removeIfStored(innerId) : fetchAndIngest(innerId, announcer);
    }
    if (trusted && inner instanceof JsonObject object) {
      return "Tombstone".equals(As.typeOf(object)) ? removeIfStored(innerId) : ingestVerified(object, announcer);
    }
    return fetchAndIngest(innerId, announcer);
  }

  /** Fetches an object from its origin (signed) and ingests it; a gone object is removed. */
  public Future<Void> fetchAndIngest(String id, URI via) {
    return fetchAndIngest(id, via, 0);
  }

  /** {@code depth} 1 when following an announced activity's URI to its object (once). */
  private Future<Void> fetchAndIngest(String id, URI via, int depth) {
    URI uri;
    try {
      uri = RemoteActorDocuments.parseHttp(id, "object");
    } catch (RuntimeException e) {
      return done();
    }
    if (federation.uris().isLocal(uri)) {
      return done();
    }
    return federation.fetcher().fetch(uri, RemoteFetcher.ACTIVITY_ACCEPT).transform(ar -> {
      if (ar.failed()) {
        if (ar.cause() instanceof FetchException fe && (fe.remoteStatus() == 404 || fe.remoteStatus() == 410)) {
          return removeIfStored(id);
        }
        LOG.info("aggregation: fetch of {} failed: {}", id, ar.cause().getMessage());
        return done();
      }
      JsonObject doc = ar.result().json();
      if (!id.equals(doc.getString("id")) || !RemoteActorDocuments.sameOrigin(ar.result().finalUrl(), uri)) {
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
        return inner instanceof JsonObject o && sameOrigin(innerId, uri)
            ? ingestVerified(o, via) : fetchAndIngest(innerId, via, 1);
      }
      return ingestVerified(doc, via);
    });
  }

  /**
   * Ingests an object already known to come from its origin: its collective is found, the follow
   * checked, then the object stored.
   */
  public Future<Void> ingestVerified(JsonObject object, URI via) {
    if (!AggregatedItemConverter.isIndexable(object)) {
      return done();
    }
    String id = object.getString("id");
    if (id == null || !AggregatedItemConverter.isHttp(id) || federation.uris().isLocal(URI.create(id))) {
      return done();
    }
    List<URI> candidates = groupCandidates(object, via);
    if (candidates.isEmpty()) {
      LOG.info("aggregation: {} names no collective of its origin; ignored", id);
      return done();
    }
    return federation.worker().executeBlocking(() -> {
      boolean viaFollowed = isFollowed(via);
      for (URI c : candidates) {
        if (viaFollowed || isFollowed(c)) {
          return Optional.of(c);
        }
      }
      return Optional.<URI>empty();
    }, false).compose(group -> {
      if (group.isEmpty()) {
        LOG.debug("aggregation: {} is from no followed collective; ignored", id);
        return done();
      }
      return federation.remoteActors().resolve(group.get(), false).compose(actor -> {
        AggregatedItemConverter.Group g = new AggregatedItemConverter.Group(actor.id().toString(),
            actor.preferredUsername(), actor.document().getValue("name") instanceof String n ? n : null);
        return service.ingest(object, g).<Void>mapEmpty();
      }, e -> {
        LOG.info("aggregation: collective {} of {} could not be resolved: {}", group.get(), id, e.getMessage());
        return done();
      });
    });
  }

  /** Same-origin groups named by the object ({@code audience}, {@code attributedTo}), then the sender if same origin. */
  private static List<URI> groupCandidates(JsonObject object, URI via) {
    String id = object.getString("id");
    Set<String> ids = new LinkedHashSet<>();
    ids.addAll(As.idsOf(object, "audience"));
    ids.addAll(As.idsOf(object, "attributedTo"));
    ids.addAll(As.idsOf(object, "organizers"));
    List<URI> out = new ArrayList<>();
    for (String c : ids) {
      if (sameOrigin(c, id)) {
        out.add(URI.create(c));
      }
    }
    if (via != null && sameOrigin(via.toString(), id) && !out.contains(via)) {
      out.add(via);
    }
    return out;
  }

  /** Whether some local actor follows {@code actor} (accepted). Blocking. */
  private boolean isFollowed(URI actor) {
    if (actor == null) {
      return false;
    }
    for (FollowRef ref : federation.follows().relationsOf(actor)) {
      if (ref.direction() == FollowRef.Direction.FOLLOWING && federation.follows()
          .findFollowing(ref.localName(), actor).filter(f -> f.state() == FollowState.ACCEPTED).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private Future<Void> removeIfStored(String id) {
    if (id == null) {
      return done();
    }
    return service.find(id).compose(found -> found.isPresent() ? service.remove(id).mapEmpty() : done());
  }

  private static boolean sameOrigin(String a, URI b) {
    return a != null && sameOrigin(a, b.toString());
  }

  private static boolean sameOrigin(String a, String b) {
    try {
      return a != null && b != null && RemoteActorDocuments.sameOrigin(new URI(a), new URI(b));
    } catch (Exception e) {
      return false;
    }
  }

  private static Future<Void> done() {
    return Future.succeededFuture();
  }
}
