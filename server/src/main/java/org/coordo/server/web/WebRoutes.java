package org.coordo.server.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.coordo.federation.FederationContext;
import org.coordo.federation.BodyBudget;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.service.aggregation.NationalService;
import org.coordo.server.service.mail.SubscriptionLinks;
import org.coordo.server.service.mail.SubscriptionService;
import org.coordo.server.service.publication.Publishing;

/**
 * Mounts the pages. The accounts' {@code AuthHandler} must already run on every route (the node
 * mounts the account module first). An object id asked for as ActivityStreams is federation's
 * (mounted first); any other request for it gets the page here, whatever the order of the
 * publication routes (their minimal page of the id comes last).
 *
 * <pre>
 * GET  /national/{calls|minutes|events}   (national node: / is the national front page, also the group's page)
 * GET  /   /static/{file}   /favicon.ico   /collectives/{name}   /collectives/{name}/agenda   /collectives/{name}/follow
 * GET  /collectives/{name}/{calls|minutes|events|past-events}  (archives; calls and minutes for HTML only)
 * GET  /collectives/{name}/{calls|minutes|events}/{id}    /actors/{name}
 * GET  /collectives/{name}/embed[.json]   /embed/agenda[.json]   (national)   the embeds other sites frame
 * GET  /invitations/{token}   POST /invitations/{token}   /invitations/{token}/join
 * GET  /espace   /espace/login   /espace/password   /espace/password/forgot   /espace/{collective}/{kind}/new   …/{id}/edit
 * POST /espace/login   /espace/logout   /espace/password   /espace/{collective}/{kind}/new   …/{id}/edit
 * POST /espace/{collective}/{kind}/{id}/publish   …/{id}/delete   /espace/{collective}/events/{id}/cancel
 * GET  /espace/admin   /espace/admin/{collective}      POST …/collectives   …/{collective}/members   …/members/password   …/invitations
 * GET  /espace/{collective}/followers   /espace/{collective}/moderation          (with a federation)
 * GET  /subscriptions   /subscriptions/confirm/{token}   /subscriptions/manage/{id}/{key}   /subscriptions/unsubscribe/{id}/{key}
 * POST /subscriptions   /subscriptions/confirm/{token}   /subscriptions/manage/{id}/{key}   /subscriptions/unsubscribe/{id}/{key}
 *      (email subscriptions, no account; the last one is RFC 8058's one-click POST, the one write without form token)
 * GET  /espace/admin/{collective}/subscribers[.csv]   POST /espace/admin/{collective}/subscribers/{id}/delete   (node admins)
 * POST /espace/{collective}/followers   /espace/{collective}/following   /espace/{collective}/moderation
 * </pre>
 */
public final class WebRoutes {
  private final Pages pages;
  private final StaticAssets assets = new StaticAssets();
  private final PublicPages publicPages;
  private final ArchivePages archives;
  private final NationalPages nationalPages;
  private final EmbedPages embeds;
  private final MemberPages members;
  private final InvitationPages invitations;
  private final EditorPages editor;
  private final CommunityPages community;
  private final AdminPages admin;
  private final SubscriptionPages subscriptions;
  private final SubscriberAdminPages subscriberAdmin;
  private final Path uploadsDir;
  private final long maxUploadBytes;
  private final BodyBudget bodyBudget;

  /**
   * @param national received publications on a national node (its front page and archives), else null
   * @param coordination the national coordination on a national node, else null
   * @param maxBodyBytes the node's body limit (a JSON API document, a plain form)
   * @param subscriptionService email subscriptions (issue 15), or null for none
   */
  public WebRoutes(Vertx vertx, Accounts accounts, Publishing publishing, AggregationService national,
      NationalService coordination, FederationContext federation, URI publicUrl, Path uploadsDir,
      BodyBudget bodyBudget, long maxBodyBytes, SubscriptionService subscriptionService) {
    this.bodyBudget = bodyBudget;
    this.pages = new Pages(Messages.load(), new Renderer(), publicUrl);
    this.subscriptions = new SubscriptionPages(pages, subscriptionService,
        new SubscriptionBoxes(subscriptionService, coordination));
    this.subscriberAdmin = subscriptionService == null ? null : new SubscriberAdminPages(pages, subscriptionService);
    this.publicPages = new PublicPages(pages, accounts, publishing, subscriptions);
    this.archives = new ArchivePages(pages, accounts, publishing);
    this.nationalPages = national == null || coordination == null ? null
        : new NationalPages(pages, national, coordination, publishing.clock, subscriptions);
    this.embeds = new EmbedPages(pages, accounts, publishing, national);
    this.members = new MemberPages(pages, accounts, publishing);
    this.invitations = new InvitationPages(pages, accounts, members);
    this.editor = new EditorPages(pages, publishing, vertx, federation);
    this.admin = new AdminPages(pages, accounts, federation);
    this.community = federation == null ? null : new CommunityPages(pages, publishing, federation);
    this.uploadsDir = uploadsDir;
    // The publishing form carries what the API takes in two requests: an attachment upload and a document.
    this.maxUploadBytes = publishing.media.maxUploadBodyBytes() + maxBodyBytes;
  }

  /**
   * The members' form paths: any failure there (the cross-site guard's 403, a body too large) is
   * the error page, whatever the client accepts (see {@code ErrorResponses}).
   */
  public static final List<String> FORM_PATHS = List.of("/espace", "/invitations", "/subscriptions");

  /** The error page in the reader's language, for the node's {@code ErrorResponses}. */
  public static ErrorResponses.ErrorPage errorPage(URI publicUrl) {
    return new Pages(Messages.load(), new Renderer(), publicUrl)::errorPage;
  }

  public void mount(Router router) {
    router.get("/static/:file").handler(assets::serve);
    router.get("/favicon.ico").handler(assets::favicon);
    if (nationalPages != null) {
      // The national front page is also the national group's page; the archives by city and category.
      get(router, "/", nationalPages::front);
      get(router, "/collectives/" + nationalPages.groupName(), nationalPages::front);
      for (String kind : new String[] {"calls", "minutes", "events"}) {
        get(router, "/national/" + kind, ctx -> nationalPages.archive(ctx, kind));
      }
    } else {
      get(router, "/", publicPages::home);
    }
    get(router, "/actors/:name", publicPages::actor);
    get(router, "/collectives/:name", publicPages::collective);
    get(router, "/collectives/:name/agenda", publicPages::agenda);
    get(router, "/collectives/:name/follow", publicPages::follow);
    // Ahead of the publication routes: calls and minutes are also ActivityStreams collections there.
    for (ArchivePages.Archive archive : ArchivePages.Archive.values()) {
      get(router, "/collectives/:name/" + archive.segment(), ctx -> archives.show(ctx, archive));
    }
    get(router, "/collectives/:name/embed", embeds::collectivePage);
    get(router, "/collectives/:name/embed.json", embeds::collectiveJson);
    get(router, "/embed/agenda", embeds::nationalPage);
    get(router, "/embed/agenda.json", embeds::nationalJson);
    for (PublicationKind kind : PublicationKind.values()) {
      get(router, "/collectives/:name/" + kind.segment() + "/:id", ctx -> publicPages.object(ctx, kind));
    }

    get(router, "/espace", members::space);
    get(router, "/espace/login", members::loginForm);
    post(router, "/espace/login", members::login);
    post(router, "/espace/logout", members::logout);
    get(router, "/invitations/:token", invitations::form);
    post(router, "/invitations/:token", invitations::accept);
    post(router, "/invitations/:token/join", invitations::join);
    get(router, "/espace/password", members::passwordForm);
    get(router, "/espace/password/forgot", members::forgotPassword);
    post(router, "/espace/password", members::changePassword);

    String form = "/espace/:collective/:kind/new";
    String edit = "/espace/:collective/:kind/:id/edit";
    for (String path : new String[] {form, edit}) {
      // Multipart with one file: our own body handler ahead of the node's (which lets it through).
      router.post(path).order(-1).handler(bodyBudget.guard(maxUploadBytes, BodyHandler.create(true)
          .setBodyLimit(maxUploadBytes).setUploadsDirectory(uploadsDir.toString()).setDeleteUploadedFilesOnEnd(true)));
      // A refused submission (form token, body limit) answers the form again, ahead of the error page.
      router.post(path).order(-3).failureHandler(editor::refused);
    }
    get(router, form, editor::newForm);
    post(router, form, editor::submit);
    get(router, edit, editor::editForm);
    post(router, edit, editor::submit);
    post(router, "/espace/:collective/:kind/:id/publish", editor::publish);
    post(router, "/espace/:collective/:kind/:id/delete", editor::delete);
    post(router, "/espace/:collective/:kind/:id/cancel", editor::cancel);
    get(router, "/espace/admin", admin::home);
    post(router, "/espace/admin/collectives", admin::createCollective);
    if (subscriberAdmin != null) {
      get(router, "/espace/admin/:collective/subscribers", subscriberAdmin::list);
      get(router, "/espace/admin/:collective/subscribers.csv", subscriberAdmin::export);
      post(router, "/espace/admin/:collective/subscribers/:id/delete", subscriberAdmin::delete);
    }
    get(router, "/espace/admin/:collective", admin::collective);
    post(router, "/espace/admin/:collective/members", admin::setRole);
    post(router, "/espace/admin/:collective/members/password", admin::resetPassword);
    post(router, "/espace/admin/:collective/invitations", admin::invite);
    get(router, "/subscriptions", subscriptions::form);
    post(router, "/subscriptions", subscriptions::subscribe);
    get(router, SubscriptionLinks.CONFIRM + ":token", subscriptions::confirmPage);
    post(router, SubscriptionLinks.CONFIRM + ":token", subscriptions::confirm);
    get(router, SubscriptionLinks.MANAGE + ":id/:key", subscriptions::manage);
    post(router, SubscriptionLinks.MANAGE + ":id/:key", subscriptions::update);
    get(router, SubscriptionLinks.UNSUBSCRIBE + ":id/:key", subscriptions::unsubscribePage);
    post(router, SubscriptionLinks.UNSUBSCRIBE + ":id/:key", subscriptions::unsubscribe);
    if (community != null) {
      get(router, "/espace/:collective/followers", community::followers);
      post(router, "/espace/:collective/followers", community::decide);
      post(router, "/espace/:collective/following", community::follow);
      get(router, "/espace/:collective/moderation", community::moderation);
      post(router, "/espace/:collective/moderation", community::moderate);
    }
  }

  private void get(Router router, String path, Handler<RoutingContext> handler) {
    router.get(path).handler(guard(handler));
  }

  private void post(Router router, String path, Handler<RoutingContext> handler) {
    router.post(path).handler(guard(handler));
  }

  /** Synchronous failures (form token, rights, bad path) become error pages, not JSON. */
  private Handler<RoutingContext> guard(Handler<RoutingContext> handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (RuntimeException e) {
        pages.error(ctx, e);
      }
    };
  }
}
