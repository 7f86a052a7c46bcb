package org.coordo.server.web;

import io.vertx.ext.web.RoutingContext;
import org.coordo.server.auth.Principal;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;

/**
 * The members' pages that rest on mail (issue 15): the forgotten password asked by mail (when mail
 * is on; otherwise the page says to ask the node's admin, as before), the page a reset link opens,
 * one's own mail address, and the page a confirmation link opens.
 *
 * <pre>
 * GET  /espace/password/forgot          anyone: the form (mail on) or who to ask (mail off)
 * POST /espace/password/forgot          anyone: always the same answer; 429 when this client asked too often
 * GET  /espace/password/reset/{token}   holder of the link: the new-password form, or "this link no longer works"
 * POST /espace/password/reset/{token}   holder of the link: sets the password, closes every session
 * GET  /espace/email   POST /espace/email   signed in: one's own address (set, change, remove)
 * GET  /espace/email/confirm/{token}    holder of the link: confirms the address
 * </pre>
 */
final class AccountMailPages {
  private final Pages pages;
  private final Accounts accounts;

  AccountMailPages(Pages pages, Accounts accounts) {
    this.pages = pages;
    this.accounts = accounts;
  }

  void forgotForm(RoutingContext ctx) {
    pages.render(ctx, 200, "forgot.jte", pages.context(ctx), "mailOn", accounts.mailEnabled(), "sent", false,
        "f", Form.empty());
  }

  /** Answers the same page whether an account matches or not; the work happens after the answer. */
  void forgot(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    if (!accounts.mailEnabled()) {
      forgotForm(ctx);
      return;
    }
    String identifier = ctx.request().getFormAttribute("identifier");
    if (identifier == null || identifier.isBlank()) {
      pages.render(ctx, 422, "forgot.jte", p, "mailOn", true, "sent", false,
          "f", Form.empty().error("identifier", "error.required"));
      return;
    }
    accounts.resets().request(identifier, clientAddress(ctx), p.lang())
        .onSuccess(v -> pages.render(ctx, 200, "forgot.jte", p, "mailOn", true, "sent", true, "f", Form.empty()))
        .onFailure(e -> {
          if (e instanceof NodeError a && a.status() == 429) {
            a.retryAfter().ifPresent(d -> ctx.response().putHeader("Retry-After", String.valueOf(d.toSeconds())));
            pages.render(ctx, 429, "forgot.jte", p, "mailOn", true, "sent", false,
                "f", Form.empty().set("identifier", identifier).general("error.429"));
          } else {
            pages.error(ctx, e);
          }
        });
  }

  void resetForm(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    ctx.response().putHeader("Cache-Control", "no-store");
    accounts.resets().check(ctx.pathParam("token"))
        .onSuccess(username -> showReset(ctx, p, 200, "form", username, Form.empty()))
        .onFailure(e -> linkGone(ctx, p, e, "reset"));
  }

  void reset(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    ctx.response().putHeader("Cache-Control", "no-store");
    String token = ctx.pathParam("token");
    String password = ctx.request().getFormAttribute("password");
    accounts.resets().reset(token, password == null ? "" : password)
        .onSuccess(username -> showReset(ctx, p, 200, "done", username, Form.empty()))
        .onFailure(e -> {
          if (e instanceof NodeError a && !a.fields().isEmpty()) {
            Form f = Form.empty();
            FieldMessages.apply(f, a.fields());
            accounts.resets().check(token)
                .onSuccess(username -> showReset(ctx, p, 422, "form", username, f))
                .onFailure(gone -> linkGone(ctx, p, gone, "reset"));
          } else {
            linkGone(ctx, p, e, "reset");
          }
        });
  }

  private void showReset(RoutingContext ctx, PageContext p, int status, String state, String username, Form f) {
    pages.render(ctx, status, "reset.jte", p, "state", state, "username", username, "action", ctx.request().path(),
        "f", f);
  }

  /** A mailed link that is unknown (404), used or expired (410): a page that says so and what to do. */
  private void linkGone(RoutingContext ctx, PageContext p, Throwable e, String kind) {
    int status = Pages.statusOf(e);
    if (status != 404 && status != 410) {
      pages.error(ctx, e);
      return;
    }
    pages.render(ctx, status, "link-gone.jte", p, "kind", kind);
  }

  void emailForm(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PageContext p = pages.context(ctx);
    String notice = MemberPages.takeNotice(ctx, p);
    accounts.addresses().of(who.userId()).onSuccess(address -> pages.render(ctx, 200, "email.jte", p,
        "address", address, "mailOn", accounts.mailEnabled(), "notice", notice,
        "f", Form.empty().set("email", address.email() == null ? "" : address.email())))
        .onFailure(e -> pages.error(ctx, e));
  }

  void setEmail(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PageContext p = pages.context(ctx);
    String typed = "remove".equals(ctx.request().getFormAttribute("action")) ? ""
        : String.valueOf(ctx.request().getFormAttribute("email"));
    accounts.addresses().set(who.userId(), typed, p.lang()).onSuccess(address -> {
      MemberPages.notice(ctx, address.email() == null ? "notice.emailRemoved"
          : address.confirmed() ? "notice.emailSaved" : "notice.emailToConfirm");
      Pages.redirect(ctx, "/espace/email");
    }).onFailure(e -> {
      if (e instanceof NodeError a && !a.fields().isEmpty()) {
        Form f = Form.empty().set("email", typed);
        FieldMessages.apply(f, a.fields());
        accounts.addresses().of(who.userId()).onSuccess(address -> pages.render(ctx, 422, "email.jte", p,
            "address", address, "mailOn", accounts.mailEnabled(), "notice", null, "f", f))
            .onFailure(x -> pages.error(ctx, x));
      } else {
        pages.error(ctx, e);
      }
    });
  }

  void confirmEmail(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    ctx.response().putHeader("Cache-Control", "no-store");
    accounts.addresses().confirm(ctx.pathParam("token"))
        .onSuccess(address -> pages.render(ctx, 200, "email-confirmed.jte", p, "email", address.email()))
        .onFailure(e -> linkGone(ctx, p, e, "confirm"));
  }

  private static String clientAddress(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
  }
}
