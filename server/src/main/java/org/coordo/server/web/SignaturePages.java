package org.coordo.server.web;

import io.vertx.ext.web.RoutingContext;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.CollectiveService.CollectiveChanges;

/**
 * The collective's default signature, for its editors ({@code Access.EDITOR} on both routes):
 * whether new publications are published as the collective (author hidden outside the members'
 * space) unless the editor chooses otherwise on the form.
 *
 * <pre>
 * GET  /espace/{collective}/signature    the choice
 * POST /espace/{collective}/signature    asCollective=yes|no → back to the members' space
 * </pre>
 */
final class SignaturePages {
  private final Pages pages;
  private final Accounts accounts;

  SignaturePages(Pages pages, Accounts accounts) {
    this.pages = pages;
    this.accounts = accounts;
  }

  void form(RoutingContext ctx) {
    String collective = ctx.pathParam("collective");
    PageContext p = pages.context(ctx);
    accounts.collectives().require(collective).onSuccess(view -> pages.render(ctx, 200, "signature.jte", p,
            "collective", collective, "displayName", view.collective().displayName(),
            "asCollective", view.collective().publishesAsCollective()))
        .onFailure(e -> pages.error(ctx, e));
  }

  void save(RoutingContext ctx) {
    String collective = ctx.pathParam("collective");
    String choice = ctx.request().getFormAttribute("asCollective");
    if (!"yes".equals(choice) && !"no".equals(choice)) {
      pages.error(ctx, org.coordo.server.error.NodeError.badRequest("asCollective: yes or no"));
      return;
    }
    accounts.collectives().update(collective, new CollectiveChanges(null, null, null, "yes".equals(choice)))
        .onSuccess(view -> {
          MemberPages.notice(ctx, "notice.signatureSaved");
          Pages.redirect(ctx, "/espace");
        }).onFailure(e -> pages.error(ctx, e));
  }
}
