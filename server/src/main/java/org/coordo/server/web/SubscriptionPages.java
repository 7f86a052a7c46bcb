package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.server.domain.mail.Subscription.Choices;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.mail.SubscriptionService;
import org.coordo.server.service.mail.SubscriptionService.Confirmation;
import org.coordo.server.service.mail.SubscriptionService.LinkState;

/**
 * Subscriptions by email (issue 15), no account needed: the subscribe form's answer (always "check
 * your mailbox"), the confirmation link (GET shows a button, only the POST confirms: mailbox link
 * scanners follow GET links), the manage page, and unsubscribe (GET shows a button; a POST, the
 * button's or a mail provider's RFC 8058 one-click {@code List-Unsubscribe=One-Click}, unsubscribes
 * at once and answers 200). With mail off every route answers a 404 page saying so.
 */
final class SubscriptionPages {
  private final Pages pages;
  private final SubscriptionService subs;
  private final SubscriptionBoxes scopes;

  SubscriptionPages(Pages pages, SubscriptionService subs, SubscriptionBoxes scopes) {
    this.pages = pages;
    this.subs = subs;
    this.scopes = scopes;
  }

  /** Whether the forms are shown (mail is configured). */
  boolean enabled() {
    return subs != null && subs.enabled();
  }

  /** The box of a public page, or a succeeded null when mail is off. */
  Future<SubscribeBox> box(String scope, String city, boolean events) {
    if (!enabled()) {
      return Future.succeededFuture(null);
    }
    return scopes.box(scope, city, events);
  }

  private boolean off(RoutingContext ctx) {
    if (enabled()) {
      return false;
    }
    PageContext p = pages.context(ctx);
    pages.render(ctx, 404, "subscription.jte", p, "step", "off", "box", null, "mail", "", "state", "");
    return true;
  }

  /** GET /subscriptions?scope=…&city=…: the form on its own page. */
  void form(RoutingContext ctx) {
    if (off(ctx)) {
      return;
    }
    PageContext p = pages.context(ctx);
    String scope = ctx.queryParams().get("scope");
    scopes.box(scope == null ? "" : scope, ctx.queryParams().get("city"), "events".equals(ctx.queryParams().get("content")))
        .onSuccess(box -> pages.render(ctx, 200, "subscribe.jte", p, "box", box, "f", Form.empty()))
        .onFailure(e -> pages.error(ctx, e));
  }

  /** POST /subscriptions: always the same answer, whatever the address was. */
  void subscribe(RoutingContext ctx) {
    if (off(ctx)) {
      return;
    }
    PageContext p = pages.context(ctx);
    MultiMap form = ctx.request().formAttributes();
    String scope = form.get("scope") == null ? "" : form.get("scope");
    String lang = form.get("lang") != null ? form.get("lang") : p.lang();
    Choices choices = choices(form, lang);
    String client = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
    subs.subscribe(form.get("email"), scope, choices, client)
        .onSuccess(v -> pages.render(ctx, 200, "subscription.jte", p, "step", "sent", "box", null, "mail", "",
            "state", ""))
        .onFailure(e -> {
          if (e instanceof NodeError err && err.status() == 422) {
            Form f = Form.of(form);
            err.fields().keySet().forEach(field -> f.error(field, "email".equals(field) ? "subs.badEmail" : "error.invalid"));
            scopes.box(scope, null, false).onSuccess(box -> pages.render(ctx, 422, "subscribe.jte", p, "box",
                new SubscribeBox(box.scope(), box.scopeName(), box.cities(), choices.cities(),
                    choices.frequency() == MailFrequency.WEEKLY, choices.eventsOnly()), "f", f))
                .onFailure(x -> pages.error(ctx, x));
          } else {
            pages.error(ctx, e);
          }
        });
  }

  /** GET /subscriptions/confirm/:token: what the link is, and a button; changes nothing. */
  void confirmPage(RoutingContext ctx) {
    if (off(ctx)) {
      return;
    }
    subs.confirmation(ctx.pathParam("token")).onSuccess(c -> showLink(ctx, c, true))
        .onFailure(e -> pages.error(ctx, e));
  }

  /** POST /subscriptions/confirm/:token: confirms (once), then the manage page. */
  void confirm(RoutingContext ctx) {
    if (off(ctx)) {
      return;
    }
    subs.confirm(ctx.pathParam("token")).onSuccess(c -> {
      if (c.state() == LinkState.VALID) {
        Pages.redirect(ctx, path(subs.manageUrl(c.subscription().id())) + "?confirmed=1");
      } else {
        showLink(ctx, c, false);
      }
    }).onFailure(e -> pages.error(ctx, e));
  }

  private void showLink(RoutingContext ctx, Confirmation c, boolean ask) {
    PageContext p = pages.context(ctx);
    int status = switch (c.state()) {
      case VALID -> 200;
      case USED, EXPIRED -> 410;
      case UNKNOWN -> 404;
    };
    Future<SubscribeBox> box = c.subscription() == null ? Future.succeededFuture(null)
        : scopes.box(c.subscription());
    box.onSuccess(b -> pages.render(ctx, status, "subscription.jte", p, "step", ask && c.state() == LinkState.VALID
        ? "confirm" : "link", "box", b, "mail", "", "state", c.state().name().toLowerCase(java.util.Locale.ROOT)))
        .onFailure(e -> pages.error(ctx, e));
  }

  /** GET /subscriptions/manage/:id/:key: the choices, to change, and unsubscribe. */
  void manage(RoutingContext ctx) {
    if (off(ctx)) {
      return;
    }
    PageContext p = pages.context(ctx);
    String notice = ctx.queryParams().contains("confirmed") ? "subs.confirmedNotice"
        : ctx.queryParams().contains("saved") ? "subs.savedNotice" : null;
    subs.find(ctx.pathParam("id"), ctx.pathParam("key"))
        .compose(s -> scopes.box(s).map(box -> {
          pages.render(ctx, 200, "subscription-manage.jte", p, "box", box, "mail", masked(s.email()),
              "notice", notice, "confirmed", s.isConfirmed(), "action", path(subs.manageUrl(s.id())),
              "unsubscribe", path(subs.unsubscribeUrl(s.id())), "lang", s.locale());
          return null;
        })).onFailure(e -> pages.error(ctx, e));
  }

  /** POST /subscriptions/manage/:id/:key: new choices (a form of the manage page, with its token). */
  void update(RoutingContext ctx) {
    if (off(ctx)) {
      return;
    }
    MultiMap form = ctx.request().formAttributes();
    String id = ctx.pathParam("id");
    subs.update(id, ctx.pathParam("key"), choices(form, form.get("lang")))
        .onSuccess(s -> Pages.redirect(ctx, path(subs.manageUrl(id)) + "?saved=1"))
        .onFailure(e -> pages.error(ctx, e));
  }

  /** GET /subscriptions/unsubscribe/:id/:key: a page with the button; changes nothing. */
  void unsubscribePage(RoutingContext ctx) {
    if (off(ctx)) {
      return;
    }
    PageContext p = pages.context(ctx);
    subs.find(ctx.pathParam("id"), ctx.pathParam("key")).compose(scopes::box)
        .onSuccess(box -> pages.render(ctx, 200, "subscription.jte", p, "step", "unsubscribe", "box", box,
            "mail", "", "state", ""))
        .onFailure(e -> {
          if (e instanceof NodeError err && err.status() == 404) {
            pages.render(ctx, 404, "subscription.jte", p, "step", "gone", "box", null, "mail", "", "state", "");
          } else {
            pages.error(ctx, e);
          }
        });
  }

  /**
   * POST /subscriptions/unsubscribe/:id/:key: unsubscribes at once and answers 200, also when it
   * was already done. The one write the cross-site guard lets through without a form token (the
   * key in the path is the proof; mail providers post RFC 8058's {@code List-Unsubscribe=One-Click}
   * with no cookie).
   */
  void unsubscribe(RoutingContext ctx) {
    if (off(ctx)) {
      return;
    }
    PageContext p = pages.context(ctx);
    subs.unsubscribe(ctx.pathParam("id"), ctx.pathParam("key"))
        .onSuccess(done -> pages.render(ctx, 200, "subscription.jte", p, "step", "unsubscribed", "box", null,
            "mail", "", "state", ""))
        .onFailure(e -> pages.error(ctx, e));
  }

  static Choices choices(MultiMap form, String lang) {
    Set<String> cities = new HashSet<>();
    for (String c : form.getAll("city")) {
      if (!c.isBlank()) {
        cities.add(c.strip().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return new Choices(Subscription.LOCALES.contains(lang) ? lang : "fr",
        "weekly".equals(form.get("frequency")) ? MailFrequency.WEEKLY : MailFrequency.EACH,
        "events".equals(form.get("content")), cities);
  }

  /** The path of one of our absolute links (redirects and form actions stay on this origin). */
  private static String path(String url) {
    return java.net.URI.create(url).getRawPath();
  }

  /** {@code a•••@example.org}: enough for its owner to recognise, not to read it off a screen. */
  static String masked(String email) {
    int at = email.indexOf('@');
    return at <= 1 ? "•••" + email.substring(Math.max(at, 0)) : email.charAt(0) + "•••" + email.substring(at);
  }
}
