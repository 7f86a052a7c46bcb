package org.coordo.server.web;

import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscription;
import org.coordo.server.service.mail.SubscriptionService;

/**
 * What a node admin (and nobody else) sees of email subscriptions, per collective: the addresses
 * with their state and choices, a CSV export, and deleting one. Routes under {@code
 * /espace/admin/{collective}/subscribers}.
 */
public final class SubscriberAdminPages {
  static final int PAGE = 200;

  /** A subscription as the admin's table shows it. */
  public record Row(String id, String email, boolean confirmed, String since, String choices) {}

  private final Pages pages;
  private final SubscriptionService subs;

  SubscriberAdminPages(Pages pages, SubscriptionService subs) {
    this.pages = pages;
    this.subs = subs;
  }

  private static boolean admin(RoutingContext ctx) {
    if (MemberPages.requireSignedIn(ctx) == null) {
      return false;
    }
    MemberPages.requireSignedIn(ctx).requireAdmin();
    return true;
  }

  /** GET /espace/admin/:collective/subscribers(?after=address) */
  void list(RoutingContext ctx) {
    if (!admin(ctx)) {
      return;
    }
    PageContext p = pages.context(ctx);
    String scope = ctx.pathParam("collective");
    String after = ctx.queryParams().get("after");
    DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(p.messages().locale())
        .withZone(NodeTime.DEFAULT_ZONE);
    subs.scopeName(scope).compose(name -> subs.list(scope, after, PAGE + 1).compose(list -> subs.scopes().map(counts -> {
      List<Row> rows = list.stream().limit(PAGE).map(s -> row(s, p, dates)).toList();
      long confirmed = counts.stream().filter(c -> c.scope().equals(scope)).mapToLong(c -> c.confirmed()).sum();
      String next = list.size() > PAGE ? "/espace/admin/" + scope + "/subscribers?after="
          + java.net.URLEncoder.encode(list.get(PAGE - 1).email(), java.nio.charset.StandardCharsets.UTF_8) : null;
      pages.render(ctx, 200, "admin-subscribers.jte", p, "scope", scope, "scopeName", name.orElse(scope), "rows", rows,
          "confirmed", confirmed, "next", next, "mailOn", subs.enabled(), "notice", MemberPages.takeNotice(ctx, p));
      return null;
    }))).onFailure(e -> pages.error(ctx, e));
  }

  /** GET /espace/admin/:collective/subscribers.csv */
  void export(RoutingContext ctx) {
    if (!admin(ctx)) {
      return;
    }
    String scope = ctx.pathParam("collective");
    subs.exportCsv(scope).onSuccess(csv -> ctx.response()
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"subscribers-" + scope.replaceAll("[^a-z0-9_-]", "")
            + ".csv\"")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(csv)).onFailure(e -> pages.error(ctx, e));
  }

  /** POST /espace/admin/:collective/subscribers/:id/delete */
  void delete(RoutingContext ctx) {
    if (!admin(ctx)) {
      return;
    }
    String scope = ctx.pathParam("collective");
    subs.delete(ctx.pathParam("id")).onSuccess(done -> {
      MemberPages.notice(ctx, "notice.subscriberDeleted");
      Pages.redirect(ctx, "/espace/admin/" + scope + "/subscribers");
    }).onFailure(e -> pages.error(ctx, e));
  }

  private static Row row(Subscription s, PageContext p, DateTimeFormatter dates) {
    StringBuilder choices = new StringBuilder(p.t(s.frequency() == MailFrequency.WEEKLY ? "subs.weekly" : "subs.each"))
        .append(" · ").append(p.t(s.eventsOnly() ? "subs.events" : "subs.all")).append(" · ").append(s.locale());
    if (!s.cities().isEmpty()) {
      choices.append(" · ").append(String.join(", ", new java.util.TreeSet<>(s.cities())));
    }
    return new Row(s.id(), s.email(), s.isConfirmed(),
        dates.format(s.confirmed() != null ? s.confirmed() : s.created()), choices.toString());
  }
}
