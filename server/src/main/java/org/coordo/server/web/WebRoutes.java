package org.coordo.server.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.file.Path;
import org.coordo.federation.FederationContext;
import org.coordo.federation.BodyBudget;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.service.publication.Publishing;

/**
 * Mounts the pages. The accounts' {@code AuthHandler} must already run on every route (the node
 * mounts the account module first). An object id asked for as ActivityStreams is federation's
 * (mounted first); any other request for it gets the page here, whatever the order of the
 * publication routes (their minimal page of the id comes last).
 *
 * <pre>
 * GET  /   /static/{file}   /collectives/{name}   /collectives/{name}/agenda   /collectives/{name}/follow
 * GET  /collectives/{name}/{calls|minutes|events}/{id}    /actors/{name}
 * GET  /invitations/{token}   POST /invitations/{token}   /invitations/{token}/join
 * GET  /espace   /espace/login   /espace/password   /espace/{collective}/{kind}/new   …/{id}/edit
 * POST /espace/login   /espace/logout   /espace/password   /espace/{collective}/{kind}/new   …/{id}/edit
 * POST /espace/{collective}/{kind}/{id}/publish   …/{id}/delete   /espace/{collective}/events/{id}/cancel
 * GET  /espace/admin   /espace/admin/{collective}      POST …/collectives   …/{collective}/members   …/invitations
 * GET  /espace/{collective}/followers   /espace/{collective}/moderation          (with a federation)
 * POST /espace/{collective}/followers   /espace/{collective}/following   /espace/{collective}/moderation
 * </pre>
 */
public final class WebRoutes {
  private final Pages pages;
  private final StaticAssets assets = new StaticAssets();
  private final PublicPages publicPages;
  private final MemberPages members;
  private final InvitationPages invitations;
  private final EditorPages editor;
  private final CommunityPages community;
  private final AdminPages admin;
  private final Path uploadsDir;
  private final long maxUploadBytes;
  private final BodyBudget bodyBudget;

  /**
   * @param national received publications on a national node (its agenda leads the home page), else null
   * @param maxBodyBytes the node's body limit (a JSON API document, a plain form)
   */
  public WebRoutes(Vertx vertx, Accounts accounts, Publishing publishing, AggregationService national,
      FederationContext federation, URI publicUrl, Path uploadsDir, BodyBudget bodyBudget, long maxBodyBytes) {
    this.bodyBudget = bodyBudget;
    this.pages = new Pages(Messages.load(), new Renderer(), publicUrl);
    this.publicPages = new PublicPages(pages, accounts, publishing, national);
    this.members = new MemberPages(pages, accounts, publishing);
    this.invitations = new InvitationPages(pages, accounts, members);
    this.editor = new EditorPages(pages, publishing, vertx, federation);
    this.admin = new AdminPages(pages, accounts, federation);
    this.community = federation == null ? null : new CommunityPages(pages, publishing, federation);
    this.uploadsDir = uploadsDir;
    // The publishing form carries what the API takes in two requests: an attachment upload and a document.
    this.maxUploadBytes = publishing.media.maxUploadBodyBytes() + maxBodyBytes;
  }

  public void mount(Router router) {
    // Failures before a page handler ran (the CrossSiteGuard's 403, a body too large) become pages here.
    ErrorResponses.mountPages(router, pages::errorPage, "/espace", "/espace/*", "/invitations/*");
    router.get("/static/:file").handler(assets::serve);
    get(router, "/", publicPages::home);
    get(router, "/actors/:name", publicPages::actor);
    get(router, "/collectives/:name", publicPages::collective);
    get(router, "/collectives/:name/agenda", publicPages::agenda);
    get(router, "/collectives/:name/follow", publicPages::follow);
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
    get(router, "/espace/admin/:collective", admin::collective);
    post(router, "/espace/admin/:collective/members", admin::setRole);
    post(router, "/espace/admin/:collective/invitations", admin::invite);
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
