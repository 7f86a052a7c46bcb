package org.coordo.server.service.account;

import io.vertx.core.Future;
import org.coordo.federation.FederationException;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.ActorDirectory;
import org.coordo.server.error.NodeError;

/**
 * Gives a new user or collective its federation actor, through {@link ActorDirectory}. The actor is
 * written before the domain record (federation owns its keyspace and its write); if the process
 * dies in between, the actor is left without a domain record, and the next attempt with the same
 * name adopts it instead of failing ("name taken"), provided its type matches and no user or
 * collective claims the name.
 */
final class ActorBinder {
  private final ActorDirectory actors;
  private final AccountStore store;

  ActorBinder(ActorDirectory actors, AccountStore store) {
    this.actors = actors;
    this.store = store;
  }

  /**
   * The actor for a new user or collective named {@code name}. {@code field} names the input field
   * that carries the name, for the 422 message when it is taken.
   */
  Future<LocalActor> bind(
      String field, String name, ActorType type, String displayName, String summary, boolean manual) {
    return actors.find(name).compose(found -> {
      if (found.isEmpty()) {
        return actors.create(name, type, displayName, summary, manual)
            .recover(err -> Future.failedFuture(translate(err, field)));
      }
      LocalActor existing = found.get();
      if (existing.type() != type) {
        return Future.failedFuture(taken(field));
      }
      return store.call(data -> data.users().usernameTaken(name) || data.collectives().exists(name)
              || data.workingGroupActor(name))
          .compose(claimed -> claimed
              ? Future.failedFuture(taken(field))
              : actors.update(name, displayName, summary, existing.iconUrl(), manual));
    });
  }

  static NodeError taken(String field) {
    return NodeError.invalid(field, "already taken (users and collectives share one name space)");
  }

  private static Throwable translate(Throwable err, String field) {
    if (err instanceof FederationException fe && fe.status() == 409) {
      return taken(field);
    }
    if (err instanceof FederationException fe && fe.status() == 400) {
      return NodeError.invalid(field, fe.safeMessage());
    }
    return err;
  }
}
