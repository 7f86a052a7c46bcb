package org.coordo.federation;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.coordo.storage.KvBatch;

/** {@link FederationContext} on the built components; each answer delegates to the one that owns it. */
final class FederationPort implements FederationContext {
  private final FederationParts parts;
  private final WorkerExecutor worker;

  FederationPort(FederationParts parts) {
    this.parts = parts;
    this.worker = parts.worker;
  }

  @Override
  public Uris uris() {
    return parts.uris;
  }

  @Override
  public ActorDirectory actors() {
    return parts.actors;
  }

  @Override
  public Future<URI> publish(String actor, JsonObject activity) {
    return parts.publisher.publish(actor, activity);
  }

  @Override
  public Future<List<URI>> publishAll(String actor, List<JsonObject> activities, Consumer<KvBatch> alsoWrite) {
    return parts.publisher.publishAll(actor, activities, alsoWrite);
  }

  @Override
  public Future<Long> followerCount(String actor) {
    return worker.executeBlocking(() -> parts.follows.count(actor), false);
  }

  @Override
  public Future<List<Follower>> followers(String actor, int limit) {
    return worker.executeBlocking(() -> parts.follows.page(actor, null, limit).items(), false);
  }

  @Override
  public Future<List<Follower>> pendingFollowers(String actor, int limit) {
    return worker.executeBlocking(() -> parts.follows.pending(actor, limit), false);
  }

  @Override
  public Future<Follower> approveFollower(String actor, URI remoteActor) {
    return parts.followEffects.approve(actor, remoteActor);
  }

  @Override
  public Future<Follower> rejectFollower(String actor, URI remoteActor) {
    return parts.followEffects.reject(actor, remoteActor);
  }

  @Override
  public Future<Following> follow(String actor, String target) {
    return parts.following.follow(actor, target);
  }

  @Override
  public Future<Void> unfollow(String actor, String target) {
    return parts.following.unfollow(actor, target);
  }

  @Override
  public Future<List<Following>> following(String actor) {
    return parts.following.list(actor);
  }

  @Override
  public Future<Optional<Following>> findFollowing(String actor, URI remoteActor) {
    return worker.executeBlocking(() -> parts.follows.findFollowing(actor, remoteActor), false);
  }

  @Override
  public Future<Boolean> isFollowedLocally(URI remoteActor) {
    if (remoteActor == null) {
      return Future.succeededFuture(false);
    }
    return worker.executeBlocking(() -> parts.follows.isFollowedLocally(remoteActor), false);
  }

  @Override
  public Future<RemoteActor> resolveHandle(String target) {
    return parts.following.resolve(target);
  }

  @Override
  public Future<RemoteActor> resolveActor(URI id) {
    return parts.remoteActors.resolve(id, false);
  }

  @Override
  public Future<FetchedJson> fetchActivity(URI url) {
    return parts.fetcher.fetchActivity(url);
  }

  @Override
  public Future<DeliveryStats> deliveryStats() {
    return parts.delivery.stats();
  }

  @Override
  public boolean signedFetchRequired() {
    return parts.authorizedFetch.required();
  }

  @Override
  public Future<Void> checkSignedFetch(RoutingContext request) {
    return parts.authorizedFetch.check(request).mapEmpty();
  }
}
