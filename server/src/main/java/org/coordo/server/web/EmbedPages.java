package org.coordo.server.web;

import org.coordo.server.service.aggregation.AgendaFilters;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.service.publication.Publishing;

/**
 * The agendas other sites embed: a collective's upcoming events, and on a national node the national
 * agenda (optionally one city, one category). Each as a page made to sit in an {@code <iframe>} (the
 * only pages any site may frame: {@link Renderer#EMBED_CSP}) and as JSON for the {@code
 * <coordo-agenda>} web component ({@code /static/coordo-agenda.js}; any origin may read it, without
 * credentials). They set no cookie and read none: the language is {@code ?lang=} or the reader's
 * {@code Accept-Language}.
 */
final class EmbedPages {
  static final int DEFAULT_LIMIT = 10;
  static final int MAX_LIMIT = 30;

  private final Pages pages;
  private final Accounts accounts;
  private final Publishing pub;
  private final AggregationService national;

  EmbedPages(Pages pages, Accounts accounts, Publishing publishing, AggregationService national) {
    this.pages = pages;
    this.accounts = accounts;
    this.pub = publishing;
    this.national = national;
  }

  void collectivePage(RoutingContext ctx) {
    collective(ctx).onSuccess(a -> page(ctx, a)).onFailure(e -> pages.error(ctx, e));
  }

  /** Failures answer JSON (the node's failure handler), as the web component reads it. */
  void collectiveJson(RoutingContext ctx) {
    attempt(() -> collective(ctx)).onSuccess(a -> json(ctx, a)).onFailure(ctx::fail);
  }

  void nationalPage(RoutingContext ctx) {
    nationalAgenda(ctx).onSuccess(a -> page(ctx, a)).onFailure(e -> pages.error(ctx, e));
  }

  void nationalJson(RoutingContext ctx) {
    attempt(() -> nationalAgenda(ctx)).onSuccess(a -> json(ctx, a)).onFailure(ctx::fail);
  }

  private static Future<EmbedAgenda> attempt(java.util.function.Supplier<Future<EmbedAgenda>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<EmbedAgenda> collective(RoutingContext ctx) {
    Messages.Bundle m = bundle(ctx);
    String name = ctx.pathParam("name");
    int limit = limit(ctx);
    return accounts.collectives().find(name).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(NodeError.notFound("collective"));
      }
      var c = found.get().collective();
      String display = c.displayName() == null || c.displayName().isBlank() ? name : c.displayName();
      return pub.service.upcoming(name, null, limit).map(page -> new EmbedAgenda(m.lang(),
          m.t("embed.collectiveTitle", display), pub.uris.protocol().base() + "/collectives/" + name + "/agenda",
          page.items().stream().map(x -> EmbedAgenda.Item.of(new PublicationView(x, pub.uris, m.locale()))).toList()));
    });
  }

  private Future<EmbedAgenda> nationalAgenda(RoutingContext ctx) {
    if (national == null) {
      return Future.failedFuture(NodeError.notFound("national agenda"));
    }
    Messages.Bundle m = bundle(ctx);
    String city = AgendaFilters.city(AgendaFilters.single(ctx.queryParams(), "city"));
    String category = AgendaFilters.category(AgendaFilters.single(ctx.queryParams(), "category"));
    int limit = limit(ctx);
    var from = LocalDate.now(pub.clock.withZone(NodeTime.DEFAULT_ZONE)).atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant();
    return national.agenda(city, category, from, null, null, limit).map(slice -> {
      List<EmbedAgenda.Item> items = slice.items().stream().filter(i -> i.event() != null)
          .map(i -> EmbedAgenda.Item.of(NationalEntry.of(i, m.locale()))).toList();
      String cityName = items.isEmpty() ? city : items.get(0).city();
      String title = city == null ? m.t("embed.nationalTitle") : m.t("embed.cityTitle", cityName);
      return new EmbedAgenda(m.lang(), title, pub.uris.protocol().base() + "/", items);
    });
  }

  private void page(RoutingContext ctx, EmbedAgenda a) {
    pages.renderer.send(ctx, 200, "embed.jte", Map.of("a", a, "m", pages.messages.bundle(a.lang())),
        Renderer.EMBED_CSP);
  }

  private void json(RoutingContext ctx, EmbedAgenda a) {
    Messages.Bundle m = pages.messages.bundle(a.lang());
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Cache-Control", "public, max-age=60")
        .putHeader("Vary", "Accept-Language")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(a.toJson(m.t("embed.none"), m.t("event.cancelled"), m.t("embed.more")).toBuffer());
  }

  /** {@code ?lang=} when we have it, else the reader's {@code Accept-Language}; never a cookie. */
  private Messages.Bundle bundle(RoutingContext ctx) {
    String asked = ctx.queryParams().get("lang");
    String lang = asked != null && Messages.LANGUAGES.contains(asked) ? asked
        : Locales.fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
    return pages.messages.bundle(lang);
  }

  private static int limit(RoutingContext ctx) {
    String raw = ctx.queryParams().get("limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      return Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(raw)));
    } catch (NumberFormatException e) {
      throw NodeError.badParameter("limit", "expected a number from 1 to " + MAX_LIMIT);
    }
  }
}
