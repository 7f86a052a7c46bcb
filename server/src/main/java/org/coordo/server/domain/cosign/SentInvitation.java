package org.coordo.server.domain.cosign;

import java.time.Instant;
import java.util.Objects;

/**
 * An invitation the author collective sent for one of its calls (seen by its editors only).
 *
 * @param invited the invited actor's id
 * @param handle its {@code name@host}
 * @param name its display name
 * @param inviteActivity the {@code Invite} activity's id
 * @param state PENDING, ACCEPTED (it signed), DECLINED, WITHDRAWN (withdrawn or cancelled)
 * @param sentAt when the Invite was sent
 */
public record SentInvitation(
    String invited, String handle, String name, String inviteActivity, InvitationState state, Instant sentAt) {

  public SentInvitation {
    Objects.requireNonNull(invited, "invited");
    Objects.requireNonNull(inviteActivity, "inviteActivity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(sentAt, "sentAt");
  }

  public SentInvitation withState(InvitationState newState) {
    return new SentInvitation(invited, handle, name, inviteActivity, newState, sentAt);
  }
}
