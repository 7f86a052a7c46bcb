package org.coordo.server.data.cosign;

import java.util.Objects;
import org.coordo.server.domain.cosign.CoSignInvitation;

/**
 * A received invitation as stored: the invitation, the signatories collection its Invite named as
 * {@code target}, and, once accepted, the ids of the collective's own {@code Accept} and {@code
 * Announce} (what a withdrawal undoes).
 */
public record ReceivedInvitation(CoSignInvitation invitation, String collection, String accept, String announce) {
  public ReceivedInvitation {
    Objects.requireNonNull(invitation, "invitation");
    Objects.requireNonNull(collection, "collection");
  }

  public ReceivedInvitation with(CoSignInvitation changed, String newAccept, String newAnnounce) {
    return new ReceivedInvitation(changed, collection, newAccept, newAnnounce);
  }
}
