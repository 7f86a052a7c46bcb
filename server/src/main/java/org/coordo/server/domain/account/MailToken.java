package org.coordo.server.domain.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A single-use link sent by mail to an account's address: a password reset, or the confirmation of
 * the address itself. Its secret is in the link only; the node stores its SHA-256.
 *
 * @param purpose what following the link does
 * @param userId the account it acts on
 * @param email the address the link was sent to (a confirmation confirms this one only)
 * @param usedAt null until used
 */
public record MailToken(Purpose purpose, String userId, String email, Instant created, Instant expires, Instant usedAt) {

  /** What a mailed link does. */
  public enum Purpose {
    /** Sets a new password without the old one. */
    RESET,
    /** Confirms the account's address. */
    CONFIRM
  }

  public MailToken {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
  }

  public boolean isUsed() {
    return usedAt != null;
  }

  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expires);
  }

  public MailToken usedAt(Instant at) {
    return new MailToken(purpose, userId, email, created, expires, at);
  }
}
