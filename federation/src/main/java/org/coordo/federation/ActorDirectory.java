package org.coordo.federation;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.coordo.federation.actor.LocalActorRepository;
import org.coordo.federation.actor.LocalActors;
import org.coordo.storage.KvStore;

/**
 * The node's local actors as the server sees them: lookup, creation (with a fresh key pair) and
 * profile changes. A running node hands out its federation's instance ({@link
 * FederationContext#actors()}), whose cache the protocol routes read; offline tools (the {@code
 * ./coordo admin} commands on a stopped node) use {@link #onStore}.
 */
public interface ActorDirectory {

  /** The actor, or empty. */
  Future<Optional<LocalActor>> find(String name);

  /** The actor, or a 404 failure. */
  Future<LocalActor> require(String name);

  /**
   * Creates a local actor with a new key pair. Fails with 400 for an invalid name or no type, 409
   * when the name is taken.
   */
  Future<LocalActor> create(
      String name, ActorType type, String displayName, String summary, boolean manuallyApprovesFollowers);

  /** Replaces the profile fields of an existing actor (404 if it does not exist); keys are kept. */
  Future<LocalActor> update(
      String name, String displayName, String summary, String iconUrl, boolean manuallyApprovesFollowers);

  /** Every local actor, in name order, the instance actor included. */
  Future<List<LocalActor>> list();

  /** A directory on a store no federation runs on (the node is stopped), its store work on {@code worker}. */
  static ActorDirectory onStore(KvStore store, WorkerExecutor worker, Clock clock) {
    return new LocalActors(new LocalActorRepository(store), worker, clock);
  }
}
