package org.coordo.server.domain.cosign;

/** Where an invitation to co-sign stands, on both nodes. */
public enum InvitationState {
  /** Sent (author) / waiting in the members' space (invited). */
  PENDING,
  /** The invited collective signed. */
  ACCEPTED,
  /** The invited collective said no. */
  DECLINED,
  /** The signature was withdrawn, or the author cancelled the invitation. */
  WITHDRAWN;

  public boolean isOpen() {
    return this == PENDING;
  }
}
