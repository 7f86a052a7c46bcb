package org.coordo.federation;


import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A remote actor following a local actor.
 *
 * @param localName the followed local actor
 * @param actorId the remote follower's actor id
 * @param state {@link FollowState#PENDING} or {@link FollowState#ACCEPTED}
 * @param followActivityId the id of the remote {@code Follow} activity (for Undo matching and the Accept)
 * @param followedAt when the Follow arrived (orders the followers collection)
 * @param inbox the follower's inbox
 * @param sharedInbox the follower's shared inbox, or null when it has none
 */
public record Follower(
    String localName,
    URI actorId,
    FollowState state,
    String followActivityId,
    Instant followedAt,
    URI inbox,
    URI sharedInbox) {

  public Follower {
    Objects.requireNonNull(localName, "localName");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(followedAt, "followedAt");
    Objects.requireNonNull(inbox, "inbox");
    if (state == FollowState.REJECTED) {
      throw new IllegalArgumentException("a follower is pending or accepted; a rejected follower is removed");
    }
  }

  public boolean accepted() {
    return state == FollowState.ACCEPTED;
  }

  /** Where deliveries for this follower go: its shared inbox when it has one, else its inbox. */
  public URI deliveryInbox() {
    return sharedInbox != null ? sharedInbox : inbox;
  }

  public Follower withState(FollowState newState) {
    return new Follower(localName, actorId, newState, followActivityId, followedAt, inbox, sharedInbox);
  }
}
