package org.coordo.federation.delivery;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.LocalActor;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.RequestSigner;

/**
 * What a delivery job needs at send time: the stored activity's bytes and a draft-cavage signer with
 * the local actor's key (key id {@code …#main-key}; the instance actor's at {@code /actor#main-key}).
 * Signers are cached per actor and key. The body is the stored JSON as it is (never parsed here: one
 * activity goes to thousands of inboxes). Reads run on the worker executor.
 */
final class DeliveryPayloads {

  /** The body to POST and who signs it. */
  record Prepared(byte[] body, RequestSigner signer) {}

  private final WorkerExecutor worker;
  private final ActivityRepository activities;
  private final LocalActors actors;
  private final Uris uris;
  private final Clock clock;
  private final Map<String, RequestSigner> signers = new ConcurrentHashMap<>();

  DeliveryPayloads(WorkerExecutor worker, ActivityRepository activities, LocalActors actors, Uris uris, Clock clock) {
    this.worker = worker;
    this.activities = activities;
    this.actors = actors;
    this.uris = uris;
    this.clock = clock;
  }

  /** Fails with {@link Undeliverable} when the actor or the activity no longer exists. */
  Future<Prepared> prepare(DeliveryJob delivery) {
    return actors
        .find(delivery.actorName())
        .compose(actor -> worker.executeBlocking(() -> {
          if (actor.isEmpty()) {
            throw new Undeliverable("local actor " + delivery.actorName() + " no longer exists");
          }
          byte[] body = activities
              .findBytes(delivery.activityId())
              .orElseThrow(() -> new Undeliverable("activity " + delivery.activityId() + " no longer exists"));
          return new Prepared(body, signerOf(actor.get()));
        }, false));
  }

  private RequestSigner signerOf(LocalActor actor) {
    String cacheKey = actor.name() + "\n" + actor.publicKeyPem();
    return signers.computeIfAbsent(cacheKey, k -> {
      URI keyId = Uris.INSTANCE_ACTOR_NAME.equals(actor.name()) ? uris.instanceActorKey() : uris.actorKey(actor.name());
      return new CavageSigner(keyId.toString(), ActorKeys.privateKeyFromPem(actor.privateKeyPem()), clock);
    });
  }
}
