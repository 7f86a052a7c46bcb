package org.coordo.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.LocalActor;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.follow.FollowRef;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.Following;
import org.coordo.federation.remote.RemoteActors;
import org.coordo.federation.vocab.As;
import org.coordo.storage.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follow side effects of inbound activities — Follow, Undo(Follow), Accept/Reject of our
 * Follow, Block — and the approval of pending followers. Every change is an upsert or a removal, so
 * replaying an activity is harmless (at worst a second Accept is sent).
 */
public final class FollowEffects {
  private static final Logger LOG = LoggerFactory.getLogger(FollowEffects.class);

  private final FollowRepository follows;
  private final RemoteActors remoteActors;
  private final LocalActors localActors;
  private final ActivitySender sender;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final Uris uris;
  private volatile java.util.function.Consumer<URI> onFollower = inbox -> {};

  public FollowEffects(
      FollowRepository follows,
      RemoteActors remoteActors,
      LocalActors localActors,
      ActivitySender sender,
      WorkerExecutor worker,
      Clock clock,
      Uris uris) {
    this.follows = follows;
    this.remoteActors = remoteActors;
    this.localActors = localActors;
    this.sender = sender;
    this.worker = worker;
    this.clock = clock;
    this.uris = uris;
  }

  /** A remote actor follows a local one: store it (accepted, or pending on manual approval); Accept when accepted. */
  Future<Boolean> onFollow(JsonObject follow, URI actor) {
    String objectId = As.idOf(follow.getValue("object"));
    Optional<String> name = uris.localActorName(objectId);
    if (name.isEmpty() || name.get().equals(Uris.INSTANCE_ACTOR_NAME)) {
      LOG.info("Follow {} from {} names no followable local actor ({}); ignored", follow.getString("id"), actor, objectId);
      return Future.succeededFuture(false);
    }
    String followId = follow.getString("id");
    return localActors.find(name.get()).compose(local -> {
      if (local.isEmpty()) {
        LOG.info("Follow {} from {} of unknown local actor {}; ignored", followId, actor, name.get());
        return Future.succeededFuture(false);
      }
      return remoteActors.resolve(actor, false).compose(remote -> worker.executeBlocking(() -> {
        Optional<Follower> existing = follows.findFollower(local.get().name(), actor);
        FollowState state = existing.filter(Follower::accepted).isPresent() || !local.get().manuallyApprovesFollowers()
            ? FollowState.ACCEPTED
            : FollowState.PENDING;
        Follower follower = new Follower(local.get().name(), actor, state, followId,
            existing.map(Follower::followedAt).orElse(clock.instant()), remote.inbox(), remote.sharedInbox());
        follows.write(b -> follows.putFollower(b, follower), Durability.SYNC);
        return follower;
      }, false)).andThen(stored -> {
        if (stored.succeeded()) {
          onFollower.accept(stored.result().inbox());
        }
      }).compose(follower -> follower.accepted()
          ? sendResponse("Accept", local.get(), follower).map(true)
          : Future.succeededFuture(true));
    });
  }

  /**
   * Told of each new follower's inbox once its Follow is stored (the node looks up the server's software then, so
   * that its first publication need not wait for it).
   */
  public void onFollower(java.util.function.Consumer<URI> hook) {
    this.onFollower = hook == null ? inbox -> {} : hook;
  }

  /** Undo: removes the follower when the undone activity is that actor's Follow. True when it was one. */
  Future<Boolean> onUndoFollow(JsonObject undo, URI actor) {
    Object object = undo.getValue("object");
    String innerId = As.idOf(object);
    return worker.executeBlocking(() -> {
      Optional<FollowRef> ref = innerId == null ? Optional.empty() : follows.findByFollowActivityId(innerId)
          .filter(r -> r.direction() == FollowRef.Direction.FOLLOWER && r.remoteActor().equals(actor));
      String local = ref.map(FollowRef::localName).orElse(null);
      if (local == null && object instanceof JsonObject inner && "Follow".equals(As.typeOf(inner))
          && actor.toString().equals(As.idOf(inner.getValue("actor")))) {
        String followed = As.idOf(inner.getValue("object"));
        local = uris.localActorName(followed).orElse(null);
      }
      if (local == null) {
        return object instanceof JsonObject inner && "Follow".equals(As.typeOf(inner));
      }
      String name = local;
      follows.write(b -> follows.removeFollower(b, name, actor), Durability.SYNC);
      return true;
    }, false);
  }

  /**
   * Accept or Reject of a Follow we sent: matched by the Follow's id (bare or embedded) and only from
   * the followed actor; falls back to an embedded Follow {actor: local, object: sender}. True when it
   * matched one of our follows.
   */
  Future<Boolean> onAcceptOrReject(JsonObject activity, URI actor, boolean accepted) {
    Object object = activity.getValue("object");
    String innerId = As.idOf(object);
    return worker.executeBlocking(() -> {
      Optional<Following> following = Optional.empty();
      if (innerId != null) {
        following = follows.findByFollowActivityId(innerId)
            .filter(r -> r.direction() == FollowRef.Direction.FOLLOWING && r.remoteActor().equals(actor))
            .flatMap(r -> follows.findFollowing(r.localName(), actor));
      }
      if (following.isEmpty() && object instanceof JsonObject inner && "Follow".equals(As.typeOf(inner))
          && actor.toString().equals(As.idOf(inner.getValue("object")))) {
        String follower = As.idOf(inner.getValue("actor"));
        Optional<String> local = uris.localActorName(follower);
        following = local.flatMap(name -> follows.findFollowing(name, actor));
      }
      if (following.isEmpty()) {
        return false;
      }
      Following updated = following.get().withState(accepted ? FollowState.ACCEPTED : FollowState.REJECTED);
      follows.write(b -> follows.putFollowing(b, updated), Durability.SYNC);
      return true;
    }, false);
  }

  /** A remote actor blocks a local one: it stops following it. */
  Future<Void> onBlock(JsonObject block, URI actor) {
    String objectId = As.idOf(block.getValue("object"));
    Optional<String> local = uris.localActorName(objectId);
    if (local.isEmpty()) {
      return Future.succeededFuture();
    }
    return worker.executeBlocking(() -> {
      follows.write(b -> follows.removeFollower(b, local.get(), actor), Durability.SYNC);
      return null;
    }, false);
  }

  /** Approves a pending follower and sends the Accept. 404 when there is no such follower. */
  public Future<Follower> approve(String localName, URI remoteActor) {
    return localActors.require(localName).compose(local -> worker.executeBlocking(() -> {
      Follower f = follows.findFollower(localName, remoteActor)
          .orElseThrow(() -> FederationException.notFound("no follow request from " + remoteActor));
      Follower accepted = f.withState(FollowState.ACCEPTED);
      if (!f.accepted()) {
        follows.write(b -> follows.putFollower(b, accepted), Durability.SYNC);
      }
      return accepted;
    }, false).compose(f -> sendResponse("Accept", local, f).map(f)));
  }

  /** Rejects a follow request (or removes an accepted follower) and sends the Reject. 404 when absent. */
  public Future<Follower> reject(String localName, URI remoteActor) {
    return localActors.require(localName).compose(local -> worker.executeBlocking(() -> {
      Optional<Follower> removed = follows.findFollower(localName, remoteActor);
      if (removed.isEmpty()) {
        throw FederationException.notFound("no follow request from " + remoteActor);
      }
      follows.write(b -> follows.removeFollower(b, localName, remoteActor), Durability.SYNC);
      return removed.get();
    }, false).compose(f -> sendResponse("Reject", local, f).map(f)));
  }

  private Future<URI> sendResponse(String type, LocalActor local, Follower follower) {
    URI localId = uris.actor(local.name());
    JsonObject follow = new JsonObject()
        .put("type", "Follow")
        .put("actor", follower.actorId().toString())
        .put("object", localId.toString());
    if (follower.followActivityId() != null) {
      follow.put("id", follower.followActivityId());
    }
    JsonObject response = new JsonObject()
        .put("@context", As.context())
        .put("type", type)
        .put("actor", localId.toString())
        .put("object", follow)
        .put("to", new JsonArray().add(follower.actorId().toString()));
    return sender.send(local.name(), response);
  }

}
