package org.coordo.federation;


import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A local actor following a remote actor (a Follow we sent).
 *
 * @param localName the local follower
 * @param actorId the followed remote actor
 * @param state pending until the remote Accept (or Reject) arrives
 * @param followActivityId the id of our {@code Follow} activity (what Accept/Reject/Undo name)
 * @param followedAt when we sent the Follow (orders the following collection)
 */
public record Following(
    String localName, URI actorId, FollowState state, String followActivityId, Instant followedAt) {

  public Following {
    Objects.requireNonNull(localName, "localName");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(followActivityId, "followActivityId");
    Objects.requireNonNull(followedAt, "followedAt");
  }

  public Following withState(FollowState newState) {
    return new Following(localName, actorId, newState, followActivityId, followedAt);
  }
}
