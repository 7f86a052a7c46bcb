package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.coordo.federation.Uris;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.coordination.JoinRequest;
import org.coordo.server.domain.coordination.MemberCity;
import org.coordo.server.domain.coordination.MembershipRequest;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.coordination.Coordination;
import org.coordo.server.service.coordination.MobilisationCsv;
import org.coordo.server.service.coordination.MobilisationService;
import org.coordo.server.service.coordination.NextDaySource;

/**
 * The pages of the national coordination's membership (issue 17): a collective's request to join
 * (its editors), the requests received and the mobilisation dashboard (editors of the national group,
 * node admins), and the public list of member cities. Routes in {@link CoordinationRoutes}.
 */
public final class CoordinationPages {
  /** A member city as listed. */
  public record MemberRow(String name, String displayName, String handle, String url, String how, String since) {}

  /** A request to join as listed to the national admins. */
  public record RequestRow(String actor, String displayName, String handle, String url, String state, String at) {}

  /** One row of the dashboard, ready to show. */
  public record DashboardRow(String displayName, String handle, String url, boolean followsNational, long calls,
      long minutes, long events, String lastPublished, String nextDayEvents) {}

  /** The city's side: where its request stands. */
  public record JoinView(String nationalHandle, String state, String at) {}

  private final Pages pages;
  private final Coordination coordination;

  CoordinationPages(Pages pages, Coordination coordination) {
    this.pages = pages;
    this.coordination = coordination;
  }

  private static DateTimeFormatter dates(Locale locale) {
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(NodeTime.DEFAULT_ZONE);
  }

  private static String date(Instant t, Locale locale) {
    return t == null ? "" : dates(locale).format(t);
  }

  // --- a collective asks to join (every node)

  void joinForm(RoutingContext ctx) {
    showJoin(ctx, Form.empty(), 200);
  }

  private void showJoin(RoutingContext ctx, Form form, int status) {
    String collective = ctx.pathParam("collective");
    PageContext p = pages.context(ctx);
    Locale locale = p.messages().locale();
    boolean isNational = coordination.national() != null && collective.equals(coordination.national().groupName());
    coordination.joins().find(collective).onSuccess(found -> {
      Optional<JoinView> view = found.map(j -> new JoinView(j.nationalHandle(),
          j.state().name().toLowerCase(Locale.ROOT), date(j.answeredAt() != null ? j.answeredAt() : j.sentAt(), locale)));
      pages.render(ctx, status, "coordination-join.jte", p, "collective", collective, "join", view.orElse(null),
          "isNational", isNational, "notice", MemberPages.takeNotice(ctx, p), "f", form);
    }).onFailure(e -> pages.error(ctx, e));
  }

  void join(RoutingContext ctx) {
    String collective = ctx.pathParam("collective");
    String handle = ctx.request().getFormAttribute("handle");
    if (handle == null || handle.isBlank()) {
      showJoin(ctx, Form.empty().error("handle", "error.required"), 422);
      return;
    }
    if (handle.length() > 500) {
      showJoin(ctx, Form.empty().error("handle", "error.handle"), 422);
      return;
    }
    coordination.joins().find(collective).onFailure(e -> pages.error(ctx, e))
        .onSuccess(known -> ask(ctx, collective, handle));
  }

  private void ask(RoutingContext ctx, String collective, String handle) {
    coordination.joins().ask(collective, handle.strip()).onSuccess(j -> {
      MemberPages.notice(ctx, j.state() == JoinRequest.State.MEMBER ? "notice.joinMember" : "notice.joinSent");
      Pages.redirect(ctx, "/espace/" + collective + "/coordination");
    }).onFailure(e -> {
      int status = Pages.statusOf(e);
      if (status >= 400 && status < 500) {
        showJoin(ctx, Form.empty().set("handle", handle).error("handle", status == 422 ? "error.notAGroup"
            : "error.handle"), 422);
      } else {
        pages.error(ctx, e);
      }
    });
  }

  // --- the national node: requests

  void requests(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    Locale locale = p.messages().locale();
    coordination.national().requests().onSuccess(list -> {
      List<RequestRow> rows = list.stream().map(r -> new RequestRow(r.actor().toString(), r.displayName(), r.handle(),
          r.url(), r.state().name().toLowerCase(Locale.ROOT),
          date(r.decidedAt() != null ? r.decidedAt() : r.requestedAt(), locale))).toList();
      pages.render(ctx, 200, "coordination-requests.jte", p, "rows", rows,
          "group", coordination.national().groupName(), "notice", MemberPages.takeNotice(ctx, p));
    }).onFailure(e -> pages.error(ctx, e));
  }

  void decide(RoutingContext ctx) {
    String decision = ctx.request().getFormAttribute("decision");
    if (!"accept".equals(decision) && !"refuse".equals(decision)) {
      throw NodeError.badParameter("decision", "accept or refuse");
    }
    URI actor = Uris.parseHttp(Optional.ofNullable(ctx.request().getFormAttribute("actor")).orElse(""))
        .orElseThrow(() -> NodeError.badParameter("actor", "the address of a collective that asked to join"));
    boolean accept = "accept".equals(decision);
    Future<MembershipRequest> done = accept ? coordination.national().accept(actor)
        : coordination.national().refuse(actor);
    done.onSuccess(r -> {
      MemberPages.notice(ctx, accept ? "notice.joinAccepted" : "notice.joinRefused");
      Pages.redirect(ctx, CoordinationRoutes.REQUESTS);
    }).onFailure(e -> pages.error(ctx, e));
  }

  // --- the national node: dashboard and its CSV

  void dashboard(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    Locale locale = p.messages().locale();
    coordination.mobilisation().dashboard().onSuccess(d -> {
      List<DashboardRow> rows = d.rows().stream().map(r -> new DashboardRow(r.city().displayName(), r.city().handle(),
          r.city().url(), r.followsNational(), r.activity().calls(), r.activity().minutes(), r.activity().events(),
          r.activity().lastPublished() == null ? "—" : date(r.activity().lastPublished(), locale),
          r.nextDayEvents() == null ? "—" : String.valueOf(r.nextDayEvents()))).toList();
      NextDaySource.NextDay day = d.nextDay();
      String dayLabel = day == null ? null : day.title() + " · "
          + DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(day.firstDay());
      pages.render(ctx, 200, "coordination-dashboard.jte", p, "rows", rows, "since", date(d.since(), locale),
          "day", dayLabel, "weeks", MobilisationService.WINDOW.toDays() / 7);
    }).onFailure(e -> pages.error(ctx, e));
  }

  void dashboardCsv(RoutingContext ctx) {
    coordination.mobilisation().dashboard().onSuccess(d -> ctx.response()
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"mobilisation.csv\"")
        .putHeader("Cache-Control", "no-store")
        .end(MobilisationCsv.of(d, NodeTime.DEFAULT_ZONE)))
        .onFailure(e -> pages.error(ctx, e));
  }

  // --- the national node: the public list

  void members(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    Locale locale = p.messages().locale();
    coordination.national().members().onSuccess(list -> pages.render(ctx, 200, "coordination.jte", p,
        "rows", list.stream().map(m -> row(m, locale)).toList(), "group", coordination.national().groupName()))
        .onFailure(e -> pages.error(ctx, e));
  }

  private static MemberRow row(MemberCity m, Locale locale) {
    return new MemberRow(m.name(), m.displayName(), m.handle(), m.url(), m.how().id(), date(m.since(), locale));
  }
}
