package org.coordo.federation.follow;

import io.vertx.core.Future;
import java.util.Optional;
import org.coordo.federation.FederationException;
import org.coordo.federation.ActorType;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.host.SoftwareLookup;
import org.coordo.federation.RemoteActor;

/**
 * Refuses, before anything is sent, a follow the target's server is known to refuse, with a message that
 * says why and what to do. Lemmy accepts a {@code Follow} of a community only from a {@code Person}
 * (LemmyNet/lemmy#5354): our collectives are {@code Group}s, the instance actor an {@code Application}.
 * The server is recognised by its NodeInfo {@code software.name}, read afresh (a follow is rare; the server may
 * have changed) by the node's one NodeInfo reader, {@link SoftwareLookup}, which remembers it per host. The rule
 * names Lemmy itself, not its {@code SoftwareFamily}: other group-aware servers (Mobilizon, Coordo…) accept a
 * Group's follow.
 */
public final class FollowCompatibility {
  /** Lets every follow through (tests that have no NodeInfo to read). */
  public static final FollowCompatibility NONE = new FollowCompatibility(null, null);

  static final String LEMMY_REFUSAL =
      "Lemmy n'accepte les abonnements à une communauté que depuis un compte Person : un collectif (Group) ne peut "
      + "pas suivre %s (LemmyNet/lemmy#5354). Suivez-la depuis un compte personnel, ou demandez-lui de suivre le "
      + "collectif. / Lemmy accepts follows of a community from Person accounts only: a collective (Group) cannot "
      + "follow %s (LemmyNet/lemmy#5354). Follow it from a personal account, or ask it to follow the collective.";

  private final LocalActors actors;
  private final SoftwareLookup software;

  public FollowCompatibility(LocalActors actors, SoftwareLookup software) {
    this.actors = actors;
    this.software = software;
  }

  /** Succeeds when {@code localName} may follow {@code target}; fails with 422 and the reason otherwise. */
  public Future<Void> check(String localName, RemoteActor target) {
    if (software == null) {
      return Future.succeededFuture();
    }
    return software.softwareNow(target.id()).compose(name -> name.isEmpty()
        ? Future.<Void>succeededFuture()
        : actors.require(localName).compose(local -> refusal(local.type(), name.get(), target.id().toString())
            .map(message -> Future.<Void>failedFuture(new FederationException(422, message)))
            .orElseGet(Future::succeededFuture)));
  }

  /** Why a local actor of {@code type} cannot follow an actor on a server running {@code software}, if it cannot. */
  static Optional<String> refusal(ActorType type, String software, String target) {
    if ("lemmy".equals(software) && type != ActorType.Person) {
      return Optional.of(LEMMY_REFUSAL.formatted(target, target));
    }
    return Optional.empty();
  }
}
