package org.coordo.server.service.group;

import io.vertx.core.Future;
import java.util.Optional;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.GroupRole;
import org.coordo.server.error.NodeError;

/**
 * The one place that says who holds which {@link GroupRole}, and how a refusal answers. Every route
 * of a collective's groups declares its role through {@link #gate} (the node's {@link AccessGate}:
 * anonymous callers are sent to log in, or get 401 from the API); then the service checks the role
 * here: to a signed-in stranger (not a member of the collective) every internal route answers 404,
 * exactly like a group that does not exist, so that a group's existence is never disclosed outside
 * its collective; a member of the collective who lacks the role gets 403 naming the role. Pure: the
 * caller loads the facts (the principal, the person's {@link GroupMembership} if any).
 */
public final class GroupAccess {
  private GroupAccess() {}

  private static final java.util.Map<GroupRole, Access> GATES = new java.util.EnumMap<>(GroupRole.class);

  static {
    for (GroupRole role : GroupRole.values()) {
      String id = switch (role) {
        case COLLECTIVE_MEMBER -> "wg-collective-member";
        case COLLECTIVE_EDITOR -> "wg-collective-editor";
        case GROUP_MEMBER -> "wg-member";
        case GROUP_PILOT -> "wg-pilot";
      };
      GATES.put(role, Access.of(id, describe(role) + " (signed in at the gate; the service answers 404 outside the "
          + "collective, 403 to a member lacking the role)", (who, ctx) -> Future.succeededFuture(true)));
    }
  }

  /** The declaration of a route of a collective's groups that needs {@code role} (see {@link AccessGate}). */
  public static Access gate(GroupRole role) {
    return GATES.get(role);
  }

  private static String describe(GroupRole role) {
    return switch (role) {
      case COLLECTIVE_MEMBER -> "member of the collective in the path";
      case COLLECTIVE_EDITOR -> "editor of the collective in the path";
      case GROUP_MEMBER -> "member of the working group in the path";
      case GROUP_PILOT -> "pilot of the working group in the path";
    };
  }

  /** Whether {@code who} holds {@code role} for a group of {@code collective} where they stand as {@code membership}. */
  public static boolean has(Optional<Principal> who, String collective, Optional<GroupMembership> membership,
      GroupRole role) {
    if (who.isEmpty() || !who.get().isMemberOf(collective)) {
      return false;
    }
    return switch (role) {
      case COLLECTIVE_MEMBER -> true;
      case COLLECTIVE_EDITOR -> who.get().canPublishFor(collective);
      case GROUP_MEMBER -> membership.map(m -> m.standing().isIn()).orElse(false);
      case GROUP_PILOT -> membership.map(m -> m.standing() == GroupMembership.Standing.PILOT).orElse(false);
    };
  }

  /** Throws 404 to a stranger, 403 to a member of the collective who lacks {@code role}. */
  public static void require(Optional<Principal> who, String collective, Optional<GroupMembership> membership,
      GroupRole role) {
    if (has(who, collective, membership, role)) {
      return;
    }
    if (!has(who, collective, membership, GroupRole.COLLECTIVE_MEMBER)) {
      throw notFound();
    }
    throw NodeError.forbidden(switch (role) {
      case COLLECTIVE_MEMBER -> "You are not a member of this collective.";
      case COLLECTIVE_EDITOR -> "You need the editor role in collective '" + collective + "' to do this.";
      case GROUP_MEMBER -> "Only members of this working group can see this; ask to join it first.";
      case GROUP_PILOT -> "Only the pilots of this working group can do this.";
    });
  }

  /** What a stranger, or anyone asking for a group that does not exist, is answered. */
  public static NodeError notFound() {
    return NodeError.missing("no such working group");
  }
}
