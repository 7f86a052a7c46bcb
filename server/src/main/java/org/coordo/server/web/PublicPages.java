package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.IDN;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.Visibility;
import org.coordo.server.domain.publication.Reply;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.CollectiveService.CollectiveView;
import org.coordo.server.service.publication.Publishing;

/**
 * The public pages: a city node's home, a collective's page, its agenda, the remote-follow redirect,
 * and the page of each call, minutes and event at the object's own id (federation's object
 * dispatcher answers ActivityStreams clients at the same id and passes the others on to it).
 */
final class PublicPages {
  /** A host name with an optional port, as typed in the remote-follow form. */
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)+(:\\d{1,5})?");
  static final int SECTION = 5;
  private static final String SUBSCRIBE_BOX = "coordo.subscribeBox";

  private final Pages pages;
  private final Accounts accounts;
  private final Publishing pub;
  /** The subscribe-by-email box (issue 15); its future yields null when mail is off. */
  private final SubscriptionPages subscriptions;
  /** Who signs a call and what a collective co-signs (issue 17). */
  private final CoSignViews cosign;

  PublicPages(Pages pages, Accounts accounts, Publishing publishing, SubscriptionPages subscriptions,
      CoSignViews cosign) {
    this.pages = pages;
    this.accounts = accounts;
    this.pub = publishing;
    this.subscriptions = subscriptions;
    this.cosign = cosign;
  }

  void home(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    accounts.collectives().list()
        .compose(list -> Future.all(list.stream().map(c -> summary(c, p.messages().locale(), 1, 0)).toList()))
        .onSuccess(all -> pages.render(ctx, 200, "home.jte", p, "collectives", all.<CollectiveSummary>list()))
        .onFailure(e -> pages.error(ctx, e));
  }

  void collective(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    String name = ctx.pathParam("name");
    accounts.collectives().find(name)
        .compose(found -> found.isEmpty() ? Future.failedFuture(NodeError.notFound("collective"))
            : summary(found.get(), p.messages().locale(), SECTION, SECTION))
        .compose(c -> subscriptions.box(name, null, false).map(box -> {
          ctx.put(SUBSCRIBE_BOX, box);
          return c;
        }))
        .compose(c -> cosign.signedBy(name).map(list -> {
          ctx.put(CoSignViews.COSIGNED, list);
          return c;
        }))
        .onSuccess(c -> {
          String description = c.descriptionHtml().isEmpty() ? p.t("collective.defaultDescription", c.displayName())
              : org.coordo.server.text.PlainText.excerpt(org.coordo.server.text.PlainText.fromHtml(c.descriptionHtml()), 300);
          OpenGraph og = new OpenGraph(c.displayName(), description, pub.uris.protocol().base() + c.path(), "website");
          pages.render(ctx, 200, "collective.jte", p, "c", c, "og", og, "embed", EmbedSnippet.of(
              pub.uris.protocol().base(), c.path() + "/embed", "", p.lang(), c.path() + "/agenda",
              p.t("embed.collectiveTitle", c.displayName())), "subscribe", ctx.get(SUBSCRIBE_BOX),
              "cosigned", ctx.get(CoSignViews.COSIGNED));
        })
        .onFailure(e -> pages.error(ctx, e));
  }

  /** {@code /actors/:name} asked by a browser (federation passes it on): the collective's page. */
  void actor(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    accounts.collectives().find(name).onSuccess(found -> {
      if (found.isPresent()) {
        Pages.redirect(ctx, "/collectives/" + name);
      } else {
        pages.error(ctx, NodeError.notFound("collective"));
      }
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** Remote follow: send the visitor to their own server's {@code authorize_interaction} page. */
  void follow(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    String server = normaliseServer(ctx.queryParams().get("server"));
    accounts.collectives().find(name).onSuccess(found -> {
      if (found.isEmpty()) {
        pages.error(ctx, NodeError.notFound("collective"));
      } else if (server == null) {
        pages.error(ctx, NodeError.badRequest("server"));
      } else {
        String actor = pub.uris.group(name).toString();
        Pages.redirect(ctx, "https://" + server + "/authorize_interaction?uri="
            + URLEncoder.encode(actor, StandardCharsets.UTF_8));
      }
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** "mastodon.social", "https://mastodon.social/", "@me@mastodon.social" → "mastodon.social"; null when not a host. */
  static String normaliseServer(String typed) {
    if (typed == null) {
      return null;
    }
    String s = typed.strip().toLowerCase(Locale.ROOT);
    s = s.replaceFirst("^https?://", "");
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    try {
      s = IDN.toASCII(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return s.length() <= 253 && HOST.matcher(s).matches() ? s : null;
  }

  /**
   * The page of a publication's id (federation answered ActivityStreams clients and passed the rest
   * on): shown under the one {@link Visibility} rule, drafts as previews for the collective's members.
   */
  void object(RoutingContext ctx, PublicationKind kind) {
    String id = ctx.pathParam("id");
    PageContext p = pages.context(ctx);
    Optional<Principal> who = AuthHandler.principal(ctx);
    PublicationKey key = new PublicationKey(ctx.pathParam("name"), kind, id);
    boolean member = who.isPresent() && who.get().canDraftFor(key.collective());
    pub.service.find(key).compose(found -> {
      Visibility visibility = found.map(x -> Visibility.of(x, member)).orElse(Visibility.HIDDEN);
      if (visibility == Visibility.HIDDEN) {
        return Future.failedFuture(NodeError.notFound("publication"));
      }
      if (visibility == Visibility.GONE) {
        return Future.failedFuture(NodeError.gone("deleted"));
      }
      Publication pubn = found.get();
      // Published as the collective: the page names the collective, never the member.
      String shown = pubn.publicAuthor();
      Future<Map<String, String>> author = shown == null ? Future.succeededFuture(Map.of())
          : accounts.users().displayNames(List.of(shown));
      return collectiveName(key.collective()).compose(name -> author.map(names ->
          new Object[] {pubn, name, shown == null ? name : names.get(shown)}));
    }).onSuccess(found -> {
      page(ctx, p, (Publication) found[0], (String) found[1], (String) found[2]);
    }).onFailure(e -> pages.error(ctx, e));
  }

  private void page(RoutingContext ctx, PageContext p, Publication pubn, String collectiveName, String author) {
    PublicationView v = new PublicationView(pubn, pub.uris, p.messages().locale(), author);
    String jsonLd = v.isEvent() ? EventDocuments.jsonLd(pubn, pub.uris, collectiveName) : "";
    OpenGraph og = new OpenGraph(v.title(), v.summary(), v.url(), v.isEvent() ? "website" : "article");
    Future<List<ReplyView>> replies = pubn.isPublic()
        ? pub.moderation.approved(pubn.key(), null, 100).map(page -> page.items().stream()
            .map(r -> reply(r, p.messages().locale())).toList())
        : Future.succeededFuture(List.of());
    Future<List<org.coordo.server.domain.cosign.Signatory>> signatories = cosign.ofCall(pubn);
    replies.compose(list -> signatories.map(signers -> {
      ctx.response().putHeader("Link", "<" + v.url() + ">; rel=\"alternate\"; type=\"application/activity+json\"");
      pages.render(ctx, 200, "publication.jte", p, "v", v, "og", og, "jsonLd", jsonLd,
          "collectiveName", collectiveName, "replies", list, "notice", MemberPages.takeNotice(ctx, p),
          "signatories", signers);
      return (Void) null;
    })).onFailure(e -> pages.error(ctx, e));
  }

  private static ReplyView reply(Reply r, Locale locale) {
    String author = r.authorId().replaceFirst("^https?://", "");
    String when = r.published() == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
        .withLocale(locale).format(r.published().atZone(NodeTime.DEFAULT_ZONE));
    return new ReplyView(author, r.url() != null ? r.url() : r.authorId(), when,
        r.contentHtml() == null ? "" : r.contentHtml());
  }

  void agenda(RoutingContext ctx) {
    PageContext p = pages.context(ctx);
    String name = ctx.pathParam("name");
    AgendaPage.Query q = AgendaPage.Query.parse(ctx.queryParams(), pub.clock);
    accounts.collectives().find(name).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(NodeError.notFound("collective"));
      }
      return pub.service.upcomingFrom(name, q.from(), q.cursor(), AgendaPage.PAGE).map(page -> AgendaPage.of(page, q))
          .map(result -> AgendaPage.of(found.get().collective(), q, result, pub.uris, p.messages().locale()));
    }).onSuccess(a -> pages.render(ctx, 200, "agenda.jte", p, "a", a)).onFailure(e -> pages.error(ctx, e));
  }

  private Future<String> collectiveName(String name) {
    return accounts.collectives().find(name)
        .map(c -> c.map(v -> v.collective().displayName()).filter(d -> d != null && !d.isBlank()).orElse(name));
  }

  private Future<CollectiveSummary> summary(CollectiveView view, Locale locale, int events, int posts) {
    String name = view.collective().name();
    Future<List<PublicationView>> upcoming = pub.service.upcoming(name, null, events).map(pg -> views(pg.items(), locale));
    Future<List<PublicationView>> calls = posts == 0 ? Future.succeededFuture(List.of())
        : pub.service.list(Optional.empty(), name, PublicationKind.CALL, false, null, posts).map(pg -> views(pg.items(), locale));
    Future<List<PublicationView>> minutes = posts == 0 ? Future.succeededFuture(List.of())
        : pub.service.list(Optional.empty(), name, PublicationKind.MINUTES, false, null, posts).map(pg -> views(pg.items(), locale));
    return Future.all(upcoming, calls, minutes).map(done -> {
      String display = view.collective().displayName() == null || view.collective().displayName().isBlank()
          ? name : view.collective().displayName();
      return new CollectiveSummary(name, display, view.collective().descriptionHtml(), "@" + name + "@" + pages.host,
          pub.uris.group(name).toString(), upcoming.result(), calls.result(), minutes.result());
    });
  }

  private List<PublicationView> views(List<Publication> list, Locale locale) {
    List<PublicationView> out = new ArrayList<>();
    for (Publication x : list) {
      out.add(new PublicationView(x, pub.uris, locale));
    }
    return out;
  }
}
