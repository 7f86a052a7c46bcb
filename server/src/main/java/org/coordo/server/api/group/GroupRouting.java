package org.coordo.server.api.group;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.service.group.GroupAccess;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.domain.group.GroupRole;
import org.coordo.server.service.group.WorkingGroupService;

/**
 * Registers a working-group route together with the {@link GroupRole} it needs: before the handler
 * runs, the service's {@code authorize} loads the group and the asker's standing and checks the role
 * (the one rule, {@code GroupAccess}); a refusal goes to the node's failure handler.
 */
final class GroupRouting {
  private final Router router;
  private final WorkingGroupService groups;

  GroupRouting(Router router, WorkingGroupService groups) {
    this.router = router;
    this.groups = groups;
  }

  /** A route about the collective's groups as a whole ({@code :collective}). */
  void collective(HttpMethod method, String path, GroupRole role, GroupRoutes.GrantedHandler handler) {
    register(method, path, role, false, handler);
  }

  /** A route about one group ({@code :collective}, {@code :group}). */
  void group(HttpMethod method, String path, GroupRole role, GroupRoutes.GrantedHandler handler) {
    register(method, path, role, true, handler);
  }

  private void register(HttpMethod method, String path, GroupRole role, boolean oneGroup,
      GroupRoutes.GrantedHandler handler) {
    AccessGate.api(router.route(method, path), GroupAccess.gate(role)).handler(ctx -> groups.authorize(AuthHandler.principal(ctx),
            ctx.pathParam("collective"), oneGroup ? ctx.pathParam("group") : null, role)
        .onSuccess(granted -> {
          try {
            handler.handle(ctx, granted);
          } catch (RuntimeException e) {
            ctx.fail(e);
          }
        })
        .onFailure(ctx::fail));
  }
}
