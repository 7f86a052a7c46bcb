package org.coordo.server.domain.publication;

/** Moderation state of a reply: pending until an editor approves or hides it. */
public enum ReplyState {
  PENDING,
  APPROVED,
  HIDDEN
}
