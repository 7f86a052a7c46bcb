package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.coordo.federation.FederationContext;
import org.coordo.federation.DeliveryStats;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.CollectiveService.CollectiveView;

/**
 * The node administrator's pages: federation health (delivery queue, failing and unavailable
 * hosts), the collectives (create one), and per collective its members (dates, role, removal, a new
 * temporary password shown once) and invitations (a new single-use link shown once).
 */
public final class AdminPages {
  /** A member as the admin page lists it: joined the collective, last seen on the node ("" if unknown). */
  public record MemberRow(String username, String role, String since, String lastSeen, String email) {}

  /** A new invitation: its link (shown once) and the address it was mailed to, or null. */
  public record Invited(String link, String sentTo) {}

  /** A temporary password just set by the admin, shown once. */
  public record Reset(String username, String password) {}

  /** A failing host. */
  public record HostRow(String host, int failures, String since, String lastError) {}

  /** Delivery health; null fields when the node has no federation. */
  public record Health(long queued, int inFlight, int held, List<HostRow> failing, List<String> unavailable) {}

  private final Pages pages;
  private final Accounts accounts;
  private final FederationContext federation;
  private final InvitationPages invitations;

  AdminPages(Pages pages, Accounts accounts, FederationContext federation, InvitationPages invitations) {
    this.pages = pages;
    this.accounts = accounts;
    this.federation = federation;
    this.invitations = invitations;
  }

  /** The node admin the route's {@code AccessGate} let through ({@code Access.ADMIN}). */
  private static Principal admin(RoutingContext ctx) {
    return MemberPages.requireSignedIn(ctx);
  }

  void home(RoutingContext ctx) {
    if (admin(ctx) == null) {
      return;
    }
    showHome(ctx, Form.empty(), 200);
  }

  private void showHome(RoutingContext ctx, Form f, int status) {
    PageContext p = pages.context(ctx);
    Locale locale = p.messages().locale();
    Future<Health> health = federation == null ? Future.succeededFuture(null)
        : federation.deliveryStats().map(s -> health(s, locale));
    Future<List<CollectiveView>> collectives = accounts.collectives().list();
    Future.all(health, collectives).onSuccess(done -> pages.render(ctx, status, "admin.jte", p,
        "health", health.result(), "collectives", collectives.result(), "f", f,
        "notice", MemberPages.takeNotice(ctx, p))).onFailure(e -> pages.error(ctx, e));
  }

  void createCollective(RoutingContext ctx) {
    if (admin(ctx) == null) {
      return;
    }
    Form f = Form.of(ctx.request().formAttributes());
    accounts.collectives().create(f.value("name").strip(), f.value("displayName").strip(), f.value("description"),
        "on".equals(f.value("manual"))).onSuccess(c -> {
          MemberPages.notice(ctx, "notice.collectiveCreated");
          Pages.redirect(ctx, "/espace/admin/" + c.collective().name());
        }).onFailure(e -> {
          if (e instanceof NodeError a && !a.fields().isEmpty()) {
            FieldMessages.apply(f, a.fields());
            showHome(ctx, f, 422);
          } else {
            pages.error(ctx, e);
          }
        });
  }

  void collective(RoutingContext ctx) {
    if (admin(ctx) == null) {
      return;
    }
    showCollective(ctx, null, 200, Form.empty());
  }

  private void showCollective(RoutingContext ctx, Invited invited, int status, Form f) {
    showCollective(ctx, invited, null, status, f);
  }

  private void showCollective(RoutingContext ctx, Invited invited, Reset reset, int status, Form f) {
    PageContext p = pages.context(ctx);
    String name = ctx.pathParam("collective");
    Locale locale = p.messages().locale();
    accounts.collectives().require(name).compose(view -> accounts.collectives().members(name)
        .compose(list -> accounts.users().lastSeen(list.stream().map(m -> m.userId()).toList())
            .compose(seen -> accounts.addresses().of(list.stream().map(m -> m.userId()).toList()).map(emails -> {
          List<MemberRow> rows = list.stream().map(m -> new MemberRow(m.username(),
              m.role().name().toLowerCase(Locale.ROOT), date(m.since(), locale), date(seen.get(m.userId()), locale),
              emails.containsKey(m.userId()) ? emails.get(m.userId()).email() : ""))
              .toList();
          pages.render(ctx, status, "admin-collective.jte", p, "name", name,
              "displayName", view.collective().displayName(), "members", rows, "invited", invited,
              "mailOn", accounts.mailEnabled(), "reset", reset, "f", f, "notice", MemberPages.takeNotice(ctx, p));
          return null;
        })))).onFailure(e -> pages.error(ctx, e));
  }

  /**
   * Gives a member of this collective a new temporary password, shown once on the answer (never
   * stored in clear, not cacheable); every session of that member is closed. 404 for someone who
   * is not a member of the collective.
   */
  void resetPassword(RoutingContext ctx) {
    if (admin(ctx) == null) {
      return;
    }
    String name = ctx.pathParam("collective");
    String username = String.valueOf(ctx.request().getFormAttribute("username"));
    accounts.collectives().members(name)
        .compose(list -> list.stream().anyMatch(m -> m.username().equals(username))
            ? accounts.users().resetToTemporaryPassword(username)
            : Future.<String>failedFuture(NodeError.missing("no such member: " + username)))
        .onSuccess(password -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          showCollective(ctx, null, new Reset(username, password), 200, Form.empty());
        })
        .onFailure(e -> pages.error(ctx, e));
  }

  void setRole(RoutingContext ctx) {
    if (admin(ctx) == null) {
      return;
    }
    String name = ctx.pathParam("collective");
    String username = ctx.request().getFormAttribute("username");
    String action = String.valueOf(ctx.request().getFormAttribute("action"));
    Future<?> done = action.equals("remove") ? accounts.collectives().removeMember(name, username)
        : accounts.collectives().setRole(name, username, role(action));
    done.onSuccess(x -> {
      MemberPages.notice(ctx, "notice.membersChanged");
      Pages.redirect(ctx, "/espace/admin/" + name);
    }).onFailure(e -> pages.error(ctx, e));
  }

  void invite(RoutingContext ctx) {
    Principal who = admin(ctx);
    if (who == null) {
      return;
    }
    Form f = Form.of(ctx.request().formAttributes());
    invitations.create(ctx, who, ctx.pathParam("collective"), f)
        .onSuccess(invited -> showCollective(ctx, invited, 200, Form.empty()))
        .onFailure(e -> {
          if (e instanceof NodeError a && !a.fields().isEmpty()) {
            FieldMessages.apply(f, a.fields());
            showCollective(ctx, null, 422, f);
          } else {
            pages.error(ctx, e);
          }
        });
  }

  static Role role(String value) {
    return "editor".equals(value) ? Role.EDITOR : Role.MEMBER;
  }

  private static Health health(DeliveryStats s, Locale locale) {
    return new Health(s.queued(), s.inFlight(), s.held(), s.failingHosts().stream()
        .map(h -> new HostRow(h.host(), h.failures(), date(h.firstFailureAt(), locale),
            h.lastError() == null ? "" : h.lastError())).toList(), s.unavailableHosts());
  }

  private static String date(java.time.Instant at, Locale locale) {
    return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
        .format(at.atZone(NodeTime.DEFAULT_ZONE));
  }
}
