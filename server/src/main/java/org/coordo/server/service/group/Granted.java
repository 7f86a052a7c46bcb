package org.coordo.server.service.group;

import java.util.Optional;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.group.GroupMembership;
import org.coordo.server.domain.group.GroupRole;
import org.coordo.server.domain.group.WorkingGroup;

/**
 * What {@link WorkingGroupService#authorize} found and checked: who asks, in which collective, about
 * which group (null for a collective-wide route: the list, a creation), and where they stand in it.
 * Every operation re-checks the role it needs on it through {@link GroupAccess} (pure, cheap).
 */
public record Granted(Principal who, String collective, WorkingGroup group, Optional<GroupMembership> mine) {

  public boolean has(GroupRole role) {
    return GroupAccess.has(Optional.of(who), collective, mine, role);
  }

  /** The failed future a refused operation answers ({@link GroupAccess#require}'s 404 or 403). */
  <T> io.vertx.core.Future<T> refusal(GroupRole role) {
    try {
      require(role);
      throw new IllegalStateException("not refused: " + role);
    } catch (RuntimeException e) {
      return io.vertx.core.Future.failedFuture(e);
    }
  }

  Granted require(GroupRole role) {
    GroupAccess.require(Optional.of(who), collective, mine, role);
    return this;
  }
}
