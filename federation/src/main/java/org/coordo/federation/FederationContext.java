package org.coordo.federation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.coordo.storage.KvBatch;

/**
 * The port between the server and the protocol layer (after Fedify's {@code Context}): everything
 * the server's services, inbox listeners and pages may ask of federation, each answer a {@link
 * Future} completed on the caller's context. Store work and signing run on federation's own worker;
 * nothing here blocks. Failures carry a status ({@link FederationException}, {@link FetchException}).
 *
 * <p>Obtained from {@link Federation#context()} once built (before {@link Federation#start()}, so
 * that the server's listeners can be built on it and registered before inbox replay).
 */
public interface FederationContext {

  /** The URLs of this node (actors, activities, collections). */
  Uris uris();

  /** The node's local actors. */
  ActorDirectory actors();

  // --- Publishing

  /** Publishes one activity of a local actor to its audience (see {@link #publishAll}). */
  Future<URI> publish(String actor, JsonObject activity);

  /**
   * Publishes activities of a local actor as ONE change: {@code alsoWrite}'s records (run on a
   * worker, in the same batch), the activities, their outbox entries and every delivery job; the
   * ids once on disk. 400 for a malformed activity, 404 for an unknown actor.
   */
  Future<List<URI>> publishAll(String actor, List<JsonObject> activities, Consumer<KvBatch> alsoWrite);

  // --- Who follows a local actor

  /** How many accepted followers {@code actor} has. */
  Future<Long> followerCount(String actor);

  /** Accepted followers of {@code actor}, the first {@code limit}. */
  Future<List<Follower>> followers(String actor, int limit);

  /** Follow requests waiting for approval (manually approving actors), the first {@code limit}. */
  Future<List<Follower>> pendingFollowers(String actor, int limit);

  /** Approves a pending follower (sends the Accept). */
  Future<Follower> approveFollower(String actor, URI remoteActor);

  /** Rejects a pending (or accepted) follower (sends the Reject). */
  Future<Follower> rejectFollower(String actor, URI remoteActor);

  // --- Whom local actors follow

  /**
   * {@code actor} follows {@code target} ({@code @name@host}, {@code name@host}, {@code acct:…} or an
   * actor URL): pending until accepted. 400 malformed or local, 404 unknown, 422 refused by its kind.
   */
  Future<Following> follow(String actor, String target);

  /** Sends the Undo of {@code actor}'s follow of {@code target}; 404 when it does not follow it. */
  Future<Void> unfollow(String actor, String target);

  /** Every follow {@code actor} sent, in any state. */
  Future<List<Following>> following(String actor);

  /** {@code actor}'s follow of {@code remoteActor}, in any state. */
  Future<Optional<Following>> findFollowing(String actor, URI remoteActor);

  /** Whether some local actor follows {@code remoteActor} and was accepted. */
  Future<Boolean> isFollowedLocally(URI remoteActor);

  // --- Remote documents

  /** A remote actor, from the cache or fetched (validated, same-origin). */
  Future<RemoteActor> resolveActor(URI id);

  /**
   * The remote actor a handle ({@code @name@host}, {@code name@host}, {@code acct:…}) or an actor URL
   * names: WebFinger, then its validated actor document. 400 malformed or local, 404 unknown.
   */
  Future<RemoteActor> resolveHandle(String target);

  /** A remote ActivityStreams document, fetched signed by the instance actor (guarded, bounded). */
  Future<FetchedJson> fetchActivity(URI url);

  // --- Delivery and reads

  /** Queued, in-flight and held deliveries. */
  Future<DeliveryStats> deliveryStats();

  /** Whether this node requires signed GETs of its ActivityStreams documents (authorized fetch). */
  boolean signedFetchRequired();

  /**
   * Succeeds when the GET may be answered with an ActivityStreams document: always when signatures
   * are not required, else when it carries a valid signature (401 naming the reason otherwise).
   */
  Future<Void> checkSignedFetch(RoutingContext request);
}
