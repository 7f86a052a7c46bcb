package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.service.aggregation.NationalService;
import org.coordo.storage.Cursor;
import org.coordo.storage.Page;

/**
 * The national node's pages: its front page ({@code /}, also the national group's page) and the
 * archives of what the cities published ({@code /national/calls|minutes|events}), read from the
 * aggregation indexes through {@link AggregationService}.
 */
final class NationalPages {
  private final Pages pages;
  private final AggregationService aggregation;
  private final NationalService national;
  private final Clock clock;
  /** The subscribe-by-email boxes (issue 15); their future yields null when mail is off. */
  private final SubscriptionPages subscriptions;
  /** The upcoming days of action, announced on the front page and agenda (issue 17). */
  private final DayLinks days;

  NationalPages(Pages pages, AggregationService aggregation, NationalService national, Clock clock,
      SubscriptionPages subscriptions, DayLinks days) {
    this.days = days;
    this.pages = pages;
    this.aggregation = aggregation;
    this.national = national;
    this.clock = clock;
    this.subscriptions = subscriptions;
  }

  String groupName() {
    return national.groupName();
  }

  void front(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    NationalQuery q = NationalQuery.parse(ctx.queryParams(), clock);
    Instant from = q.week().atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant();
    Instant to = q.week().plusWeeks(NationalFront.WEEKS).atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant();
    LocalDate today = LocalDate.now(clock.withZone(NodeTime.DEFAULT_ZONE));
    Future<SubscribeBox> box = subscriptions.box(national.groupName(), q.city(), q.category() != null);
    Future<List<DayLinks.Link>> upcoming = days.upcoming(p.messages());
    Future.all(national.cities(), aggregation.front(q.city(), q.category(), from, to, NationalFront.MAX_EVENTS,
        NationalFront.POSTS), box, upcoming).onSuccess(all -> {
          NationalFront f = new NationalFront(q, national.groupName(), pages.host, all.resultAt(0), all.resultAt(1),
              today, p.messages().locale());
          pages.render(ctx, 200, "national.jte", p, "f", f, "embed", EmbedSnippet.of(pages.base, "/embed/agenda",
              embedQuery(q.city(), q.category()), p.lang(), "/", p.t("embed.nationalTitle")), "subscribe", box.result(),
              "days", upcoming.result());
        }).onFailure(e -> pages.error(ctx, e));
  }

  /** The embed's filters: the ones this front page shows. */
  private static String embedQuery(String city, String category) {
    StringBuilder b = new StringBuilder();
    if (city != null && !city.isEmpty()) {
      b.append("city=").append(java.net.URLEncoder.encode(city, java.nio.charset.StandardCharsets.UTF_8));
    }
    if (category != null && !category.isEmpty()) {
      b.append(b.length() == 0 ? "" : "&").append("category=")
          .append(java.net.URLEncoder.encode(category, java.nio.charset.StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  void archive(RoutingContext ctx, String kind) {
    PageContext p = pages.context(ctx);
    NationalQuery q = NationalQuery.parse(ctx.queryParams(), clock);
    boolean past = "events".equals(kind) && "past".equals(ctx.queryParams().get("when"));
    Future<Page<AggregatedItem>> items = switch (kind) {
      case "calls" -> aggregation.latest(AggregatedKind.CALL, q.city(), q.cursor(), NationalArchive.PAGE);
      case "minutes" -> aggregation.latest(AggregatedKind.MINUTES, q.city(), q.cursor(), NationalArchive.PAGE);
      default -> (past
          ? aggregation.pastAgenda(q.city(), q.category(), clock.instant(), q.cursor(), NationalArchive.PAGE)
          : aggregation.agenda(q.city(), q.category(), clock.instant(), null, q.cursor(), NationalArchive.PAGE))
          .map(slice -> new Page<>(slice.items(), slice.next()));
    };
    Future<Page<AggregatedItem>> checked = items.recover(e -> Future.failedFuture(e instanceof IllegalArgumentException
        ? NodeError.badParameter("cursor", "does not belong to this listing") : e));
    Future<SubscribeBox> box = subscriptions.box(national.groupName(), q.city(), "events".equals(kind));
    Future<List<DayLinks.Link>> upcoming = "events".equals(kind) && !past ? days.upcoming(p.messages())
        : Future.succeededFuture(List.of());
    Future.all(national.cities(), checked, box, upcoming).onSuccess(all -> {
      Page<AggregatedItem> page = all.resultAt(1);
      Optional<Cursor> next = page.next();
      NationalArchive a = new NationalArchive(kind, past, q, all.resultAt(0),
          NationalFront.entries(page.items(), p.messages().locale()), next.map(Cursor::encode).orElse(null));
      pages.render(ctx, 200, "national-archive.jte", p, "a", a, "subscribe", box.result(), "days", upcoming.result());
    }).onFailure(e -> pages.error(ctx, e));
  }
}
