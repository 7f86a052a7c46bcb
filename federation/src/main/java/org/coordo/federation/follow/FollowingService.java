package org.coordo.federation.follow;

import org.coordo.federation.FollowState;

import org.coordo.federation.Following;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.outbox.Publisher;
import org.coordo.federation.RemoteActor;
import org.coordo.federation.remote.RemoteActors;

/**
 * Following out: a local actor follows or unfollows a remote actor. {@link #follow} resolves the
 * target (a handle through WebFinger, then the actor document), and in ONE batch stores the relation
 * as pending, the {@code Follow} activity and its delivery job. The remote {@code Accept}/{@code
 * Reject} is handled by the inbox, which moves the relation to accepted (or rejected). {@link
 * #unfollow} sends {@code Undo} of the original {@code Follow} and removes the relation, also in one
 * batch.
 */
public final class FollowingService {

  /** Turns {@code name@host} into an actor id (WebFinger). */
  @FunctionalInterface
  public interface HandleResolver {
    Future<URI> actorIdOf(String name, String host);
  }

  private static final int LIST_LIMIT = 10_000;

  private final WorkerExecutor worker;
  private final Uris uris;
  private final Clock clock;
  private final Supplier<String> ids;
  private final FollowRepository follows;
  private final ActivityRepository activities;
  private final RemoteActors remoteActors;
  private final HandleResolver handles;
  private final Publisher publisher;
  private final FollowCompatibility compatibility;

  public FollowingService(
      WorkerExecutor worker,
      Uris uris,
      Clock clock,
      Supplier<String> ids,
      FollowRepository follows,
      ActivityRepository activities,
      RemoteActors remoteActors,
      HandleResolver handles,
      Publisher publisher,
      FollowCompatibility compatibility) {
    this.worker = worker;
    this.uris = uris;
    this.clock = clock;
    this.ids = ids;
    this.follows = follows;
    this.activities = activities;
    this.remoteActors = remoteActors;
    this.handles = handles;
    this.publisher = publisher;
    this.compatibility = compatibility;
  }

  /**
   * {@code localName} follows {@code target} ({@code @name@host}, {@code name@host} or an actor URL).
   * Returns the relation, pending until the remote side accepts; an already accepted follow is
   * returned as it is, a pending or rejected one is asked again with a new {@code Follow}. Fails with
   * 400 for a malformed or local target, 404 when the target cannot be found, 422 when the target's
   * server is known to refuse such a follow ({@link FollowCompatibility}: a Group following Lemmy).
   */
  public Future<Following> follow(String localName, String target) {
    return actorIdOf(target)
        .compose(id -> remoteActors.resolve(id, false))
        .compose(actor -> compatibility.check(localName, actor).map(ok -> actor))
        .compose(actor -> worker
            .executeBlocking(() -> follows.findFollowing(localName, actor.id()), false)
            .compose(existing -> {
              if (existing.isPresent() && existing.get().state() == FollowState.ACCEPTED) {
                return Future.succeededFuture(existing.get());
              }
              return sendFollow(localName, actor);
            }));
  }

  private Future<Following> sendFollow(String localName, RemoteActor actor) {
    URI followId = uris.activity(ids.get());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Following pending = new Following(localName, actor.id(), FollowState.PENDING, followId.toString(), now);
    JsonObject follow = new JsonObject()
        .put("id", followId.toString())
        .put("type", "Follow")
        .put("object", actor.id().toString())
        .put("to", new JsonArray().add(actor.id().toString()));
    return publisher
        .publish(localName, follow, batch -> follows.putFollowing(batch, pending))
        .map(id -> pending);
  }

  /**
   * {@code localName} stops following {@code target}: an {@code Undo} of the original {@code Follow}
   * is sent and the relation removed. Fails with 404 when there is no such relation.
   */
  public Future<Void> unfollow(String localName, String target) {
    return actorIdOf(target)
        .compose(id -> worker.executeBlocking(() -> {
          Optional<Following> found = follows.findFollowing(localName, id);
          if (found.isEmpty()) {
            throw FederationException.notFound("not following " + target);
          }
          Following following = found.get();
          JsonObject original = activities
              .find(URI.create(following.followActivityId()))
              .map(JsonObject::copy)
              .orElseGet(() -> new JsonObject()
                  .put("id", following.followActivityId())
                  .put("type", "Follow")
                  .put("actor", uris.actor(localName).toString())
                  .put("object", id.toString()));
          original.remove("@context");
          return original;
        }, false).compose(follow -> {
          JsonObject undo = new JsonObject()
              .put("type", "Undo")
              .put("object", follow)
              .put("to", new JsonArray().add(id.toString()));
          return publisher.publish(localName, undo, batch -> follows.removeFollowing(batch, localName, id));
        }))
        .mapEmpty();
  }

  /** Every follow {@code localName} sent, in any state. */
  public Future<List<Following>> list(String localName) {
    return worker.executeBlocking(() -> follows.allFollowing(localName, LIST_LIMIT), false);
  }

  /**
   * The remote actor a handle ({@code @name@host}, {@code name@host}, {@code acct:…}) or an actor URL
   * names, resolved as {@link #follow} does (WebFinger, then the validated actor document). 400
   * malformed or local, 404 unknown.
   */
  public Future<RemoteActor> resolve(String target) {
    return actorIdOf(target).compose(id -> remoteActors.resolve(id, false));
  }

  /** {@code @name@host}, {@code name@host}, {@code acct:name@host} or an http(s) actor URL. */
  Future<URI> actorIdOf(String target) {
    if (target == null || target.isBlank()) {
      return Future.failedFuture(FederationException.badRequest("a follow target is required"));
    }
    String t = target.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return Uris.parse(t).map(this::checkRemote)
          .orElseGet(() -> Future.failedFuture(FederationException.badRequest("not a valid actor URL")));
    }
    if (lower.startsWith("acct:")) {
      t = t.substring(5);
    }
    if (t.startsWith("@")) {
      t = t.substring(1);
    }
    int at = t.indexOf('@');
    if (at <= 0 || at == t.length() - 1 || t.indexOf('@', at + 1) >= 0 || t.contains("/") || t.contains(" ")) {
      return Future.failedFuture(FederationException.badRequest(
          "a follow target is @name@host, name@host or an actor URL"));
    }
    String name = t.substring(0, at);
    String host = t.substring(at + 1).toLowerCase(Locale.ROOT);
    return handles.actorIdOf(name, host).compose(this::checkRemote);
  }

  private Future<URI> checkRemote(URI id) {
    if (uris.isLocal(id)) {
      return Future.failedFuture(FederationException.badRequest("a local actor is not followed over federation"));
    }
    return Future.succeededFuture(id);
  }
}
