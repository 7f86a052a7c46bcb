package org.coordo.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.federation.Uris;
import org.coordo.federation.LocalActor;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.SigningKey;

/**
 * What a delivery job needs at send time: the stored activities' bytes and the local actor's signing key (key id
 * {@code …#main-key}; the instance actor's at {@code /actor#main-key}). Keys are cached per actor and key. The bodies
 * are the stored JSON as it is (never parsed here: one activity goes to thousands of inboxes). Reads run on the
 * worker executor.
 */
final class DeliveryPayloads {

  /** One activity to POST. */
  record Body(URI activityId, byte[] bytes) {}

  /** The bodies to POST, in order, and who signs them. */
  record Prepared(List<Body> bodies, SigningKey key) {}

  private final WorkerExecutor worker;
  private final ActivityRepository activities;
  private final LocalActors actors;
  private final Uris uris;
  private final Map<String, SigningKey> keys = new ConcurrentHashMap<>();

  DeliveryPayloads(WorkerExecutor worker, ActivityRepository activities, LocalActors actors, Uris uris) {
    this.worker = worker;
    this.activities = activities;
    this.actors = actors;
    this.uris = uris;
  }

  /**
   * The stored bytes of {@code ids} (an activity deleted since is left out). Fails with {@link Undeliverable} when
   * the actor or every activity no longer exists.
   */
  Future<Prepared> prepare(String actorName, List<URI> ids) {
    return actors
        .find(actorName)
        .compose(actor -> worker.executeBlocking(() -> {
          if (actor.isEmpty()) {
            throw new Undeliverable("local actor " + actorName + " no longer exists");
          }
          List<Body> bodies = new ArrayList<>();
          for (URI id : ids) {
            Optional<byte[]> bytes = activities.findBytes(id);
            bytes.ifPresent(b -> bodies.add(new Body(id, b)));
          }
          if (bodies.isEmpty()) {
            throw new Undeliverable("activity " + ids.get(0) + " no longer exists");
          }
          return new Prepared(bodies, keyOf(actor.get()));
        }, false));
  }

  private SigningKey keyOf(LocalActor actor) {
    String cacheKey = actor.name() + "\n" + actor.publicKeyPem();
    return keys.computeIfAbsent(cacheKey, k -> {
      URI keyId = Uris.INSTANCE_ACTOR_NAME.equals(actor.name()) ? uris.instanceActorKey() : uris.actorKey(actor.name());
      return new SigningKey(keyId.toString(), ActorKeys.privateKeyFromPem(actor.privateKeyPem()));
    });
  }
}
