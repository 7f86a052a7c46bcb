package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.CollectiveService.CollectiveView;
import org.coordo.server.service.account.SecretTokens;
import org.coordo.server.service.publication.Publishing;

/**
 * The members' space: log in and out (the accounts' sessions and rate limit), the dashboard of the
 * collectives one belongs to, and the password change. The node's {@code CrossSiteGuard} checks the form
 * token of every POST before these handlers run.
 */
final class MemberPages {
  static final String NOTICE_COOKIE = "coordo_notice";

  private final Pages pages;
  private final Accounts accounts;
  private final Publishing pub;
  /** The count of invitations to co-sign waiting, next to each collective (issue 17). */
  private final CoSignViews cosign;

  MemberPages(Pages pages, Accounts accounts, Publishing publishing, CoSignViews cosign) {
    this.pages = pages;
    this.accounts = accounts;
    this.pub = publishing;
    this.cosign = cosign;
  }

  void loginForm(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    if (p.signedIn()) {
      Pages.redirect(ctx, "/espace");
      return;
    }
    pages.render(ctx, 200, "login.jte", p, "f", Form.empty());
  }

  void login(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    String username = ctx.request().getFormAttribute("username");
    String password = ctx.request().getFormAttribute("password");
    Form f = Form.empty().set("username", username);
    if (username == null || username.isBlank()) {
      f.error("username", "error.required");
    }
    if (password == null || password.isEmpty()) {
      f.error("password", "error.required");
    }
    if (f.hasErrors()) {
      pages.render(ctx, 422, "login.jte", p, "f", f);
      return;
    }
    String address = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
    accounts.sessions().login(username, password, address).onSuccess(login -> {
      signIn(ctx, login.token());
      String next = ctx.request().getFormAttribute("next");
      Pages.redirect(ctx, next != null && next.startsWith("/espace") ? next : "/espace");
    }).onFailure(e -> {
      if (e instanceof NodeError a && a.status() == 401) {
        pages.render(ctx, 401, "login.jte", p, "f", f.error("password", "error.wrongCredentials"));
      } else if (e instanceof NodeError a && a.status() == 429) {
        a.retryAfter().ifPresent(d -> ctx.response().putHeader("Retry-After", String.valueOf(d.toSeconds())));
        pages.render(ctx, 429, "login.jte", p, "f", f.general("error.429"));
      } else {
        pages.error(ctx, e);
      }
    });
  }

  void logout(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
    Future<Void> revoked = cookie == null ? Future.succeededFuture() : accounts.sessions().logout(cookie.getValue());
    revoked.onComplete(done -> {
      ctx.response().addCookie(sessionCookie("", 0));
      Pages.redirect(ctx, "/");
    });
  }

  void space(RoutingContext ctx) {
    Principal who = requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PageContext p = pages.context(ctx);
    String notice = takeNotice(ctx, p);
    Future<List<String>> names = who.isAdmin()
        ? accounts.collectives().list().map(l -> l.stream().map(c -> c.collective().name()).toList())
        : Future.succeededFuture(new ArrayList<>(new TreeSet<>(who.roles().keySet())));
    Future<Optional<java.time.Instant>> calendar = pub.calendars.current(who);
    Future<java.util.Map<String, Integer>> pending = names.compose(list -> cosign.pending(who, list));
    names.compose(list -> Future.all(list.stream().map(n -> collective(who, n, p)).toList()))
        .compose(all -> Future.all(calendar, pending).map(done -> {
          pages.render(ctx, 200, "space.jte", p, "collectives", all.<SpaceCollective>list(), "notice", notice,
              "calendarSince", calendar.result().map(t -> PublicationView.date(t, p.messages().locale())).orElse(null),
              "cosignPending", pending.result());
          return (Void) null;
        }))
        .onFailure(e -> pages.error(ctx, e));
  }

  /**
   * "Renouveler le lien" of the private calendar: a new secret link, shown once on the page this
   * answers (only its hash is kept); the previous link stops working now.
   */
  void renewCalendar(RoutingContext ctx) {
    Principal who = requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PageContext p = pages.context(ctx);
    pub.calendars.renew(who).onSuccess(secret -> {
      ctx.response().putHeader("Cache-Control", "no-store");
      String url = pub.uris.protocol().base() + org.coordo.server.feeds.MemberCalendarRoutes.path(secret);
      pages.render(ctx, 200, "calendar-link.jte", p, "url", url);
    }).onFailure(e -> pages.error(ctx, e));
  }

  private Future<SpaceCollective> collective(Principal who, String name, PageContext p) {
    List<Future<List<Publication>>> parts = new ArrayList<>();
    for (PublicationKind kind : PublicationKind.values()) {
      parts.add(pub.service.list(Optional.of(who), name, kind, true, null, 50).map(pg -> pg.items()));
      parts.add(pub.service.list(Optional.of(who), name, kind, false, null, 20).map(pg -> pg.items()));
      // members-only ones, shown with the others and marked "interne"
      parts.add(pub.service.membersOnly(who, name, kind, null, 20).map(pg -> pg.items())
          .recover(e -> Future.succeededFuture(List.of())));
    }
    Future<Optional<CollectiveView>> view = accounts.collectives().find(name);
    return Future.all(parts).compose(done -> view).map(v -> {
      List<PublicationView> items = new ArrayList<>();
      for (Future<List<Publication>> part : parts) {
        part.result().forEach(x -> items.add(new PublicationView(x, pub.uris, p.messages().locale())));
      }
      String display = v.map(c -> c.collective().displayName()).filter(d -> d != null && !d.isBlank()).orElse(name);
      return new SpaceCollective(name, display, items);
    });
  }

  void passwordForm(RoutingContext ctx) {
    if (requireSignedIn(ctx) == null) {
      return;
    }
    pages.render(ctx, 200, "password.jte", pages.context(ctx), "f", Form.empty());
  }

  void changePassword(RoutingContext ctx) {
    Principal who = requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PageContext p = pages.context(ctx);
    Cookie cookie = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
    byte[] current = cookie != null && SecretTokens.looksValid(cookie.getValue())
        ? SecretTokens.hash(cookie.getValue()) : null;
    accounts.users().changePassword(who, ctx.request().getFormAttribute("oldPassword"),
        ctx.request().getFormAttribute("newPassword"), current).onSuccess(v -> {
          notice(ctx, "notice.passwordChanged");
          Pages.redirect(ctx, "/espace");
        }).onFailure(e -> {
          if (e instanceof NodeError a && !a.fields().isEmpty()) {
            Form f = Form.empty();
            FieldMessages.apply(f, a.fields());
            pages.render(ctx, 422, "password.jte", p, "f", f);
          } else {
            pages.error(ctx, e);
          }
        });
  }

  /**
   * The principal of a page whose route needs an account: its {@code AccessGate} already sent an
   * anonymous visitor to the login page, so this is never null there (kept null-safe for callers).
   */
  static Principal requireSignedIn(RoutingContext ctx) {
    Optional<Principal> who = AuthHandler.principal(ctx);
    if (who.isEmpty()) {
      Pages.redirect(ctx, AccessGate.LOGIN_PAGE);
      return null;
    }
    return who.get();
  }

  /** A one-shot message for the next page (a message key, shown once). */
  static void notice(RoutingContext ctx, String key) {
    ctx.response().addCookie(Cookie.cookie(NOTICE_COOKIE, key).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX));
  }

  /** The pending one-shot message in the reader's language (and forgets it), or null. */
  static String takeNotice(RoutingContext ctx, PageContext p) {
    Cookie c = ctx.request().getCookie(NOTICE_COOKIE);
    if (c == null || c.getValue().isEmpty()) {
      return null;
    }
    ctx.response().addCookie(Cookie.cookie(NOTICE_COOKIE, "").setPath("/").setMaxAge(0));
    String[] parts = c.getValue().split("~", 2);
    if (!parts[0].matches("notice\\.[a-zA-Z]+") || !p.messages().has(parts[0])) {
      return null;
    }
    String digits = parts.length == 2 ? parts[1].replaceAll("[^0-9]", "") : "";
    if (digits.isEmpty() || digits.length() > 9) {
      return p.t(parts[0]);
    }
    return p.messages().count(parts[0], Long.parseLong(digits));
  }

  /** Sets the session cookie of a new session (HttpOnly, SameSite=Lax, Secure on https nodes). */
  void signIn(RoutingContext ctx, String token) {
    ctx.response().addCookie(sessionCookie(token, accounts.sessions().policy().absoluteLifetime().toSeconds()));
  }

  private Cookie sessionCookie(String value, long maxAgeSeconds) {
    return Cookie.cookie(AuthHandler.SESSION_COOKIE, value).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setSecure(accounts.settings().secureCookies()).setMaxAge(maxAgeSeconds);
  }
}
