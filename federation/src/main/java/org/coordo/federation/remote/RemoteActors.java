package org.coordo.federation.remote;

import org.coordo.federation.RemoteActor;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.storage.CacheEvents;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.KeyResolver;
import org.coordo.federation.sig.ResolvedKey;
import org.coordo.federation.vocab.As;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote actors and their keys: stored documents first, refetched when older than {@link #MAX_AGE}
 * or on demand, through a {@link DocumentFetcher} (signed GET by the instance actor). Every document
 * is validated by {@link RemoteActorDocuments} before it is stored or used.
 *
 * <p>As the inbox's {@link KeyResolver}: a key id is resolved by fetching it without its fragment.
 * An actor document must list the key with {@code owner == id}; a key document (GoToSocial's
 * {@code …/main-key}) names its {@code owner}, whose actor document is then fetched and must list the
 * same key id — the PEM is always taken from the owner's own document. {@code refresh=true} (a
 * suspected key rotation) refetches, unless the document was fetched less than
 * {@code minRefreshInterval} ago: a forged signature must not make us fetch on every request.
 *
 * <p>Concurrent fetches of the same URL share one request.
 */
public final class RemoteActors implements KeyResolver {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteActors.class);

  /** Cached documents older than this are fetched again. */
  public static final Duration MAX_AGE = Duration.ofDays(1);
  /** A forced refresh within this time of the last fetch reuses the stored document. */
  public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

  private final RemoteActorRepository repository;
  private final DocumentFetcher fetcher;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final Uris uris;
  private final Duration minRefreshInterval;
  private final Map<URI, Future<DocumentFetcher.Fetched>> inFlight = new ConcurrentHashMap<>();
  private static final int MAX_RECENT_KEYS = 10_000;
  /** How long a resolved key is used without reading the store again (the store keeps it for a day). */
  static final Duration RECENT_KEY_TTL = Duration.ofMinutes(5);

  private record RecentKey(ResolvedKey key, Instant until) {}

  /**
   * Keys resolved lately, by key id: most signed requests come from actors seen moments ago. Dropped for
   * an actor whenever this node stores or forgets its document, and never used for a refresh (a
   * signature that failed with it).
   */
  private final Map<String, RecentKey> recentKeys = new ConcurrentHashMap<>();
  /** Tells the node's other processes (if any) whose keys to drop. */
  private volatile CacheEvents events = CacheEvents.NONE;

  /** The cache topic of remote actors' keys: the key is the actor id. */
  public static final String CACHE_TOPIC = "remote-actor";

  /**
   * Shares key changes with the node's other processes: an actor whose document this process stores or forgets
   * (a rotated key, a deleted actor) is announced, and the keys of an actor another process announces are dropped
   * here (the stored document is read again on next use). Without a notice (a process disconnected meanwhile) a
   * remembered key still lives at most {@link #RECENT_KEY_TTL}.
   */
  public void shareChanges(CacheEvents cacheEvents) {
    this.events = cacheEvents;
    cacheEvents.subscribe(CACHE_TOPIC, id -> forgetKeysOf(URI.create(id)));
  }

  /** Whether a key resolved lately is remembered (tests of the cross-process invalidation). */
  public boolean remembers(String keyId) {
    RecentKey recent = recentKeys.get(keyId);
    return recent != null && recent.until().isAfter(clock.instant());
  }

  public RemoteActors(
      RemoteActorRepository repository, DocumentFetcher fetcher, WorkerExecutor worker, Clock clock, Uris uris) {
    this(repository, fetcher, worker, clock, uris, DEFAULT_MIN_REFRESH_INTERVAL);
  }

  public RemoteActors(
      RemoteActorRepository repository,
      DocumentFetcher fetcher,
      WorkerExecutor worker,
      Clock clock,
      Uris uris,
      Duration minRefreshInterval) {
    this.repository = repository;
    this.fetcher = fetcher;
    this.worker = worker;
    this.clock = clock;
    this.uris = uris;
    this.minRefreshInterval = minRefreshInterval;
  }

  /**
   * The actor with that id: the stored one when fresh (and {@code refresh} is false), else fetched,
   * validated and stored. When a refetch fails and a stored copy exists, a non-forced call returns the
   * stored copy.
   */
  public Future<RemoteActor> resolve(URI id, boolean refresh) {
    URI actorId;
    try {
      actorId = checkRemote(Uris.withoutFragment(id));
    } catch (FederationException e) {
      return Future.failedFuture(e);
    }
    return findStored(actorId).compose(stored -> {
      if (stored.isPresent() && !needsFetch(stored.get(), refresh)) {
        return Future.succeededFuture(stored.get().actor());
      }
      return fetchActor(actorId).recover(err -> {
        if (stored.isPresent() && !refresh) {
          LOG.info("refetch of {} failed ({}); using the stored copy", actorId, err.getMessage());
          return Future.succeededFuture(stored.get().actor());
        }
        return Future.failedFuture(err);
      });
    });
  }

  /** The stored actor, without fetching (however old). */
  public Future<Optional<RemoteActor>> findStoredActor(URI id) {
    return findStored(id).map(c -> c.map(RemoteActorRepository.Cached::actor));
  }

  /**
   * Stores an actor document that arrived signed by that same actor (an {@code Update} of itself):
   * validated like a fetched one, its id must be the actor's.
   */
  public Future<RemoteActor> storeOwnDocument(URI actorId, JsonObject document) {
    RemoteActor actor;
    try {
      actor = RemoteActorDocuments.toRemoteActor(actorId, actorId, document);
      if (!actor.id().equals(actorId)) {
        throw new FederationException(403, "an actor may only update its own document");
      }
    } catch (FederationException e) {
      return Future.failedFuture(e);
    }
    return store(actor, actorId);
  }

  /** Forgets a stored actor and its keys (it deleted itself). */
  public Future<Void> forget(URI actorId) {
    return worker.executeBlocking(() -> {
      repository.remove(actorId);
      forgetKeysOf(actorId);
      return null;
    }, false).onSuccess(v -> events.publish(CACHE_TOPIC, actorId.toString())).mapEmpty();
  }

  @Override
  public Future<ResolvedKey> resolve(String keyId, boolean refresh) {
    URI keyUri;
    try {
      keyUri = checkRemote(RemoteActorDocuments.requireHttp(keyId, "keyId"));
    } catch (FederationException e) {
      return Future.failedFuture(e);
    }
    if (!refresh) {
      RecentKey recent = recentKeys.get(keyId);
      if (recent != null && recent.until().isAfter(clock.instant())) {
        return Future.succeededFuture(recent.key());
      }
    }
    return worker.executeBlocking(() -> repository.findOwnerOfKey(keyId).flatMap(repository::find), false)
        .compose(stored -> {
          if (stored.isPresent() && !needsFetch(stored.get(), refresh)) {
            Optional<String> pem = stored.get().actor().findKeyPem(keyId);
            if (pem.isPresent()) {
              return Future.succeededFuture(remember(toResolvedKey(keyId, stored.get().actor(), pem.get())));
            }
          }
          return fetchKey(keyId, keyUri).map(this::remember);
        });
  }

  // ------------------------------------------------------------------------------------------

  private Future<ResolvedKey> fetchKey(String keyId, URI keyUri) {
    URI documentUrl = Uris.withoutFragment(keyUri);
    return fetchShared(documentUrl).compose(fetched -> {
      JsonObject doc = fetched.document();
      String type = As.typeOf(doc);
      if (type != null && RemoteActor.ACTOR_TYPES.contains(type)) {
        RemoteActor actor = RemoteActorDocuments.toRemoteActor(documentUrl, fetched.finalUrl(), doc);
        return store(actor, fetched.finalUrl()).map(a -> keyOf(a, keyId));
      }
      String owner = As.idOf(doc.getValue("owner"));
      if (owner == null && doc.getValue("publicKey") instanceof JsonObject embedded) {
        owner = As.idOf(embedded.getValue("owner"));
      }
      if (owner == null) {
        return Future.failedFuture(new FederationException(502, "the key document " + documentUrl + " names no owner"));
      }
      URI ownerId = RemoteActorDocuments.requireHttp(owner, "key owner");
      // The owner's own document decides: fetch it (it is the authority on its keys).
      return checkRemoteFuture(ownerId).compose(id -> fetchActor(id)).map(a -> keyOf(a, keyId));
    });
  }

  private ResolvedKey keyOf(RemoteActor actor, String keyId) {
    String pem = actor.findKeyPem(keyId).orElseThrow(() -> new FederationException(502,
        "the actor " + actor.id() + " does not list the key " + keyId + " as its own"));
    return toResolvedKey(keyId, actor, pem);
  }

  private ResolvedKey remember(ResolvedKey key) {
    if (recentKeys.size() >= MAX_RECENT_KEYS) {
      recentKeys.clear();
    }
    recentKeys.put(key.keyId(), new RecentKey(key, clock.instant().plus(RECENT_KEY_TTL)));
    return key;
  }

  private void forgetKeysOf(URI actorId) {
    String id = actorId.toString();
    recentKeys.values().removeIf(r -> r.key().ownerActorId().equals(id));
  }

  private static ResolvedKey toResolvedKey(String keyId, RemoteActor actor, String pem) {
    PublicKey key;
    try {
      key = ActorKeys.publicKeyFromPem(pem);
    } catch (IllegalArgumentException e) {
      throw new FederationException(502, "the key " + keyId + " is not a usable public key");
    }
    return new ResolvedKey(keyId, actor.id().toString(), key);
  }


  private Future<RemoteActor> fetchActor(URI actorId) {
    return fetchShared(actorId).compose(fetched -> {
      RemoteActor actor = RemoteActorDocuments.toRemoteActor(actorId, fetched.finalUrl(), fetched.document());
      return store(actor, fetched.finalUrl());
    });
  }

  private Future<RemoteActor> store(RemoteActor actor, URI finalUrl) {
    Instant now = clock.instant();
    return worker.executeBlocking(() -> {
      repository.put(actor, finalUrl, now);
      forgetKeysOf(actor.id());
      return actor;
    }, false).onSuccess(a -> events.publish(CACHE_TOPIC, a.id().toString()));
  }

  private Future<DocumentFetcher.Fetched> fetchShared(URI url) {
    Future<DocumentFetcher.Fetched> existing = inFlight.get(url);
    if (existing != null) {
      return existing;
    }
    Future<DocumentFetcher.Fetched> started;
    try {
      started = fetcher.fetch(url);
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    Future<DocumentFetcher.Fetched> winner = inFlight.putIfAbsent(url, started);
    if (winner != null) {
      return winner;
    }
    started.onComplete(ar -> inFlight.remove(url));
    return started;
  }

  private Future<Optional<RemoteActorRepository.Cached>> findStored(URI actorId) {
    return worker.executeBlocking(() -> repository.find(actorId), false);
  }

  private boolean needsFetch(RemoteActorRepository.Cached stored, boolean refresh) {
    Duration age = Duration.between(stored.fetchedAt(), clock.instant());
    if (refresh) {
      return age.compareTo(minRefreshInterval) >= 0;
    }
    return age.compareTo(MAX_AGE) >= 0;
  }

  private URI checkRemote(URI uri) {
    if (uris.isLocal(uri)) {
      throw new FederationException(400, "not a remote actor: " + uri);
    }
    return uri;
  }

  private Future<URI> checkRemoteFuture(URI uri) {
    try {
      return Future.succeededFuture(checkRemote(uri));
    } catch (FederationException e) {
      return Future.failedFuture(e);
    }
  }
}
