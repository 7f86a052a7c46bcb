package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.account.Invitation;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService;

/**
 * The invitation link ({@code /invitations/<token>}, as the accounts service builds it): a form
 * that creates the account with the invited role and signs it in, or, for someone already signed
 * in, a button that joins the collective with the current account.
 */
final class InvitationPages {
  private final Pages pages;
  private final Accounts accounts;
  private final MemberPages members;

  InvitationPages(Pages pages, Accounts accounts, MemberPages members) {
    this.pages = pages;
    this.accounts = accounts;
    this.members = members;
  }

  void form(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    accounts.invitations().check(ctx.pathParam("token"))
        .onSuccess(inv -> show(ctx, p, 200, inv, Form.empty().set("email", inv.email() == null ? "" : inv.email())))
        .onFailure(e -> pages.error(ctx, e));
  }

  private void show(RoutingContext ctx, PageContext p, int status, Invitation inv, Form f) {
    pages.render(ctx, status, "invitation.jte", p, "collective", inv.collective(),
        "role", inv.role().name().toLowerCase(java.util.Locale.ROOT), "action", ctx.request().path(), "f", f,
        "mailOn", accounts.mailEnabled());
  }

  void accept(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    String token = ctx.pathParam("token");
    String username = ctx.request().getFormAttribute("username");
    String password = ctx.request().getFormAttribute("password");
    String email = accounts.mailEnabled() ? ctx.request().getFormAttribute("email") : null;
    Form f = Form.empty().set("username", username).set("displayName", ctx.request().getFormAttribute("displayName"))
        .set("email", email);
    accounts.invitations().check(token).compose(inv -> accounts.invitations()
        .accept(token, new UserService.NewUser(username == null ? "" : username.strip(), f.value("displayName"),
            password == null ? "" : password, email), p.lang())
        .compose(user -> accounts.sessions().login(user.username(), password, address(ctx)))
        .onSuccess(login -> {
          members.signIn(ctx, login.token());
          MemberPages.notice(ctx, "notice.welcome");
          Pages.redirect(ctx, "/espace");
        })
        .recover(e -> {
          if (e instanceof NodeError a && !a.fields().isEmpty()) {
            FieldMessages.apply(f, a.fields());
            show(ctx, p, 422, inv, f);
            return Future.succeededFuture();
          }
          return Future.failedFuture(e);
        }))
        .onFailure(e -> pages.error(ctx, e));
  }

  void join(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    accounts.invitations().join(ctx.pathParam("token"), who.userId()).onSuccess(m -> {
      MemberPages.notice(ctx, "notice.welcome");
      Pages.redirect(ctx, "/espace");
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** The members' space's invitation page of a collective (editors and admins). */
  void inviteForm(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    who.requireModerate(ctx.pathParam("collective"));
    showInvite(ctx, null, 200, Form.empty());
  }

  void invite(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    who.requireModerate(ctx.pathParam("collective"));
    Form f = Form.of(ctx.request().formAttributes());
    create(ctx, who, ctx.pathParam("collective"), f)
        .onSuccess(invited -> showInvite(ctx, invited, 200, Form.empty()))
        .onFailure(e -> {
          if (e instanceof NodeError a && !a.fields().isEmpty()) {
            FieldMessages.apply(f, a.fields());
            showInvite(ctx, null, 422, f);
          } else {
            pages.error(ctx, e);
          }
        });
  }

  private void showInvite(RoutingContext ctx, AdminPages.Invited invited, int status, Form f) {
    PageContext p = pages.context(ctx);
    String name = ctx.pathParam("collective");
    accounts.collectives().require(name).onSuccess(view -> {
      String display = view.collective().displayName() == null || view.collective().displayName().isBlank()
          ? name : view.collective().displayName();
      ctx.response().putHeader("Cache-Control", "no-store");
      pages.render(ctx, status, "invite.jte", p, "name", name, "displayName", display, "invited", invited,
          "mailOn", accounts.mailEnabled(), "f", f);
    }).onFailure(e -> pages.error(ctx, e));
  }

  /**
   * An invitation from the invite form (role, days, and an address when mail is on: then the link
   * is mailed in the page's language); the link is shown either way. Field problems fail with a 422.
   */
  Future<AdminPages.Invited> create(RoutingContext ctx, Principal who, String collective, Form f) {
    Integer days = null;
    if (!f.value("days").isBlank()) {
      try {
        days = Integer.parseInt(f.value("days").strip());
      } catch (NumberFormatException e) {
        return Future.failedFuture(NodeError.invalid("days", "not a number"));
      }
    }
    String email = accounts.mailEnabled() && !f.value("email").isBlank() ? f.value("email") : null;
    return accounts.invitations().create(collective, AdminPages.role(f.value("role")), days, who.username(), email,
            pages.context(ctx).lang())
        .map(issued -> new AdminPages.Invited(issued.link().toString(), issued.invitation().email()));
  }

  private static String address(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
  }

  static boolean signedIn(RoutingContext ctx) {
    return AuthHandler.principal(ctx).isPresent();
  }
}
