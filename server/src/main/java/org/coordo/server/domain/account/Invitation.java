package org.coordo.server.domain.account;

import java.time.Instant;
import java.util.Objects;
import org.coordo.server.auth.Role;

/**
 * An invitation to join a collective with a role. Its token (shown once, in a link) is stored
 * hashed; it can be used once, before {@code expires}.
 *
 * @param createdBy username of who created it ({@code "cli"} for the command line)
 * @param usedAt null until accepted
 * @param usedBy the username of the account created by accepting it, null until then
 * @param email the address the link was mailed to, or null for a link handed over by hand
 */
public record Invitation(
    String id,
    String collective,
    Role role,
    String createdBy,
    Instant created,
    Instant expires,
    Instant usedAt,
    String usedBy,
    String email) {

  public Invitation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(expires, "expires");
    if (!role.isCollectiveRole()) {
      throw new IllegalArgumentException("invitations give a collective role (editor or member)");
    }
  }

  /** An invitation handed over as a link (no address). */
  public Invitation(String id, String collective, Role role, String createdBy, Instant created, Instant expires,
      Instant usedAt, String usedBy) {
    this(id, collective, role, createdBy, created, expires, usedAt, usedBy, null);
  }

  public boolean isUsed() {
    return usedAt != null;
  }

  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expires);
  }

  public Invitation usedBy(String username, Instant at) {
    return new Invitation(id, collective, role, createdBy, created, expires, at, username, email);
  }
}
