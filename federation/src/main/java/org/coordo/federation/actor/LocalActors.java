package org.coordo.federation.actor;

import org.coordo.federation.ActorDirectory;
import org.coordo.federation.ActorType;

import org.coordo.federation.LocalActor;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.storage.CacheEvents;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.sig.ActorKeys;

/**
 * The local actors service: creation (with a fresh RSA-2048 key pair), lookup, profile updates, and
 * the instance actor. Every storage access and key generation runs on the worker executor; found
 * actors are cached in memory (they are few and read on every GET and every signature).
 */
public final class LocalActors implements ActorDirectory {

  private final LocalActorRepository repository;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final Map<String, LocalActor> cache = new ConcurrentHashMap<>();

  /** Tells the node's other processes (if any) which cached actor changed. */
  private volatile CacheEvents events = CacheEvents.NONE;

  /** The cache topic of local actors: the key is the actor's name. */
  public static final String CACHE_TOPIC = "local-actor";

  public LocalActors(LocalActorRepository repository, WorkerExecutor worker, Clock clock) {
    this.repository = repository;
    this.worker = worker;
    this.clock = clock;
  }

  /**
   * Shares this cache's changes with the node's other processes: an actor updated here is announced, and an
   * actor another process announces is dropped from this cache (read again from the store on next use).
   */
  public void shareChanges(CacheEvents cacheEvents) {
    this.events = cacheEvents;
    cacheEvents.subscribe(CACHE_TOPIC, cache::remove);
  }

  /**
   * Creates a local actor with a new key pair. Fails with 400 for an invalid name (see {@link
   * Uris#isValidActorName}) or an unsupported type, 409 when the name is taken.
   */
  @Override
  public Future<LocalActor> create(
      String name, ActorType type, String displayName, String summary, boolean manuallyApprovesFollowers) {
    if (!Uris.isValidActorName(name)) {
      return Future.failedFuture(FederationException.badRequest(
          "invalid actor name: use 1-64 lower-case letters, digits, '_', '.' or '-'"));
    }
    if (type == null) {
      return Future.failedFuture(FederationException.badRequest("actor type is required"));
    }
    return insert(name, type, displayName, summary, manuallyApprovesFollowers);
  }

  /** The actor, or empty. */
  @Override
  public Future<Optional<LocalActor>> find(String name) {
    if (name == null) {
      return Future.succeededFuture(Optional.empty());
    }
    LocalActor cached = cache.get(name);
    if (cached != null) {
      return Future.succeededFuture(Optional.of(cached));
    }
    return worker.executeBlocking(() -> repository.find(name), false)
        .onSuccess(found -> found.ifPresent(a -> cache.put(a.name(), a)));
  }

  /** The actor, or a 404 failure. */
  @Override
  public Future<LocalActor> require(String name) {
    return find(name).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(FederationException.notFound("no such actor"))));
  }

  /**
   * Replaces the profile fields of an existing actor (404 if it does not exist). The key pair,
   * type and creation date are kept. Null display name, summary or icon clear the field.
   */
  @Override
  public Future<LocalActor> update(
      String name, String displayName, String summary, String iconUrl, boolean manuallyApprovesFollowers) {
    return require(name).compose(current -> {
      LocalActor changed = new LocalActor(
          current.name(), current.type(), displayName, summary, iconUrl, current.published(),
          manuallyApprovesFollowers, current.discoverable(), current.publicKeyPem(), current.privateKeyPem());
      return worker.executeBlocking(() -> {
        repository.update(changed);
        return changed;
      }, false).onSuccess(a -> {
        cache.put(a.name(), a);
        events.publish(CACHE_TOPIC, a.name());
      });
    });
  }

  /** Every local actor, in name order, the instance actor included. */
  @Override
  public Future<List<LocalActor>> list() {
    return worker.executeBlocking(repository::list, false);
  }

  /** The instance actor (Application, served at {@code /actor}), created on first call. */
  public Future<LocalActor> ensureInstanceActor() {
    return find(Uris.INSTANCE_ACTOR_NAME).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> insert(Uris.INSTANCE_ACTOR_NAME, ActorType.Application, null, null, true)
            .recover(err -> err instanceof FederationException fe && fe.status() == 409
                ? require(Uris.INSTANCE_ACTOR_NAME)
                : Future.failedFuture(err))));
  }

  /** The instance actor; {@link #ensureInstanceActor()} must have run (Federation.start does). */
  public Future<LocalActor> instanceActor() {
    return require(Uris.INSTANCE_ACTOR_NAME);
  }

  private Future<LocalActor> insert(
      String name, ActorType type, String displayName, String summary, boolean manual) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return worker.executeBlocking(() -> {
      if (repository.find(name).isPresent()) {
        throw FederationException.conflict("actor name already taken");
      }
      KeyPair keys = ActorKeys.generate();
      LocalActor actor = new LocalActor(
          name, type, displayName, summary, null, now, manual, type != ActorType.Application,
          ActorKeys.toPem(keys.getPublic()), ActorKeys.toPem(keys.getPrivate()));
      if (!repository.insertIfAbsent(actor)) {
        throw FederationException.conflict("actor name already taken");
      }
      return actor;
    }, false).onSuccess(a -> cache.put(a.name(), a));
  }
}
