package org.coordo.server.domain.cosign;

import java.time.Instant;
import java.util.Objects;

/**
 * An invitation to co-sign a call, received by a local collective (its members' space lists it).
 *
 * @param id local id (time-sortable), used in the members' space and the API
 * @param collective the invited local collective's name
 * @param call the call's URI (an object on the inviting node)
 * @param callTitle the call's {@code name}, plain text (may be null when the call could not be read)
 * @param callUrl the call's page ({@code url}), or its URI
 * @param inviter the inviting collective's actor id
 * @param inviterName its display name
 * @param inviterHandle its {@code name@host}
 * @param inviteActivity the {@code Invite} activity's id (what the Accept/Reject names)
 * @param state PENDING until the editors answer; WITHDRAWN when the author cancels it or we withdraw
 * @param receivedAt when the Invite arrived
 * @param answeredAt when it was answered (or cancelled), null while pending
 */
public record CoSignInvitation(
    String id,
    String collective,
    String call,
    String callTitle,
    String callUrl,
    String inviter,
    String inviterName,
    String inviterHandle,
    String inviteActivity,
    InvitationState state,
    Instant receivedAt,
    Instant answeredAt) {

  public CoSignInvitation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(inviter, "inviter");
    Objects.requireNonNull(inviteActivity, "inviteActivity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  public CoSignInvitation withState(InvitationState newState, Instant at) {
    return new CoSignInvitation(id, collective, call, callTitle, callUrl, inviter, inviterName, inviterHandle,
        inviteActivity, newState, receivedAt, at);
  }
}
