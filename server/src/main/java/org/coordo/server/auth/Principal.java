package org.coordo.server.auth;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.coordo.server.error.NodeError;

/**
 * The authenticated person behind a request: who they are and what they may do. Immutable; loaded
 * once per request by {@link AuthHandler}.
 *
 * @param userId the account's stable id
 * @param username the account's name (also its {@code Person} actor name)
 * @param nodeAdmin whether the account administers the node (acts as editor everywhere)
 * @param roles the role held in each collective, by collective name ({@link Role#EDITOR} or {@link
 *     Role#MEMBER})
 */
public record Principal(String userId, String username, boolean nodeAdmin, Map<String, Role> roles) {

  public Principal {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    roles = Map.copyOf(roles == null ? Map.of() : roles);
  }

  /** Node administrator. */
  public boolean isAdmin() {
    return nodeAdmin;
  }

  /** The role held in that collective, if any (node admins hold none unless given one). */
  public Optional<Role> roleIn(String collective) {
    return Optional.ofNullable(collective == null ? null : roles.get(collective));
  }

  /** Whether this person belongs to that collective (or is a node admin). */
  public boolean isMemberOf(String collective) {
    return nodeAdmin || roleIn(collective).isPresent();
  }

  /** May publish (calls, minutes, events) in the name of that collective: editors and admins. */
  public boolean canPublishFor(String collective) {
    return nodeAdmin || roleIn(collective).filter(r -> r == Role.EDITOR).isPresent();
  }

  /** May write drafts for that collective and read its members' space: members, editors, admins. */
  public boolean canDraftFor(String collective) {
    return isMemberOf(collective);
  }

  /** May moderate that collective's comments and manage invitations: editors and admins. */
  public boolean canModerate(String collective) {
    return canPublishFor(collective);
  }

  /** Throws 403 unless {@link #canPublishFor}. */
  public Principal requirePublishFor(String collective) {
    if (!canPublishFor(collective)) {
      throw NodeError.forbidden(
          "You need the editor role in collective '" + collective + "' to publish for it.");
    }
    return this;
  }

  /** Throws 403 unless {@link #canDraftFor}. */
  public Principal requireDraftFor(String collective) {
    if (!canDraftFor(collective)) {
      throw NodeError.forbidden("You are not a member of collective '" + collective + "'.");
    }
    return this;
  }

  /** Throws 403 unless {@link #canModerate}. */
  public Principal requireModerate(String collective) {
    if (!canModerate(collective)) {
      throw NodeError.forbidden(
          "You need the editor role in collective '" + collective + "' to do this.");
    }
    return this;
  }

  /** Throws 403 unless {@link #isAdmin}. */
  public Principal requireAdmin() {
    if (!nodeAdmin) {
      throw NodeError.forbidden("Only a node administrator can do this.");
    }
    return this;
  }
}
