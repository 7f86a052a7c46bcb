package org.coordo.server.api.account;

import org.coordo.server.convert.AccountApiConverter;

import io.vertx.ext.web.Router;
import org.coordo.federation.Uris;
import org.coordo.server.app.NodeServices;
import org.coordo.server.app.RouteMounter;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.CrossSiteGuard;

/**
 * Accounts on the node: the control endpoints the {@code ./coordo admin} commands use while the
 * node runs, then the {@link AuthHandler} on every route (so later routes read the principal with
 * {@code AuthHandler.principal(ctx)}: mount this before them) followed by the {@link CrossSiteGuard}
 * (every later write is checked against cross-site requests), then the session, account, collective
 * and invitation JSON API.
 */
public final class AccountRoutes implements RouteMounter {

  @Override
  public void mount(Router router, NodeServices node) {
    AccountApiConverter convert = new AccountApiConverter(new Uris(node.platform().config().publicUrl()));
    new AdminControlRoutes(new AdminOperations(node.accounts()), node.controlToken()).mount(router);
    router.route().handler(node.auth());
    router.route().handler(new CrossSiteGuard(node.platform().config().publicUrl()));
    new SessionRoutes(node.accounts(), convert).mount(router);
    new CollectiveRoutes(node.accounts(), convert).mount(router);
    new InvitationRoutes(node.accounts(), convert).mount(router);
  }
}
