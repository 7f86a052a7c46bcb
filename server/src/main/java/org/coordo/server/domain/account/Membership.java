package org.coordo.server.domain.account;

import java.time.Instant;
import java.util.Objects;
import org.coordo.server.auth.Role;

/**
 * A person's role in one collective ({@link Role#EDITOR} or {@link Role#MEMBER}).
 *
 * @param username denormalised for listings (usernames never change)
 */
public record Membership(String collective, String userId, String username, Role role, Instant since) {

  public Membership {
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(since, "since");
    if (!role.isCollectiveRole()) {
      throw new IllegalArgumentException("admin is a node role, not a collective role");
    }
  }

  public Membership withRole(Role newRole) {
    return new Membership(collective, userId, username, newRole, since);
  }
}
