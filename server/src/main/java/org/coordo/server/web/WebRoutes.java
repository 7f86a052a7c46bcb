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
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.actionday.ActionDayService;
import org.coordo.server.service.cosign.CoSigning;
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
 * POST /espace/login   /espace/logout   /espace/password   /espace/agenda-prive   /espace/{collective}/{kind}/new   …/{id}/edit
 * GET  /espace/password/reset/{token}   /espace/email   /espace/email/confirm/{token}     (mail for members)
 * GET  /espace/{collective}/invitations   POST …/invitations   (editors and admins: a link, mailed when an address is given)
 * POST /espace/password/forgot   /espace/password/reset/{token}   /espace/email             (mail for members)
 * POST /espace/{collective}/{kind}/{id}/publish   …/{id}/delete   /espace/{collective}/events/{id}/cancel
 * GET  /espace/{collective}/signature   POST /espace/{collective}/signature   (editors: the default signature)
 * GET  /espace/admin   /espace/admin/{collective}      POST …/collectives   …/{collective}/members   …/members/password   …/invitations
 * GET  /espace/{collective}/followers   /espace/{collective}/moderation          (with a federation)
 * GET  /subscriptions   /subscriptions/confirm/{token}   /subscriptions/manage/{id}/{key}   /subscriptions/unsubscribe/{id}/{key}
 * POST /subscriptions   /subscriptions/confirm/{token}   /subscriptions/manage/{id}/{key}   /subscriptions/unsubscribe/{id}/{key}
 *      (email subscriptions, no account; the last one is RFC 8058's one-click POST, the one write without form token)
 * GET  /espace/admin/{collective}/subscribers[.csv]   POST /espace/admin/{collective}/subscribers/{id}/delete   (node admins)
 * POST /espace/{collective}/followers   /espace/{collective}/following   /espace/{collective}/moderation
 * GET  /espace/{collective}/calls/{id}/cosign   POST …/cosign/{invite|cancel|signatories}   (editors: co-signed calls)
 * GET  /espace/{collective}/cosign   POST /espace/{collective}/cosign/{invitation}/{sign|decline|withdraw}
 *      (invitations to co-sign: members read, editors answer)
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
  private final AccountMailPages accountMail;
  private final EditorPages editor;
  private final CommunityPages community;
  private final AdminPages admin;
  private final SignaturePages signature;
  private final SubscriptionPages subscriptions;
  private final SubscriberAdminPages subscriberAdmin;
  private final CoSignPages cosignAuthor;
  private final CoSignInboxPages cosignInbox;
  private final Path uploadsDir;
  private final long maxUploadBytes;
  private final BodyBudget bodyBudget;

  /**
   * @param national received publications on a national node (its front page and archives), else null
   * @param coordination the national coordination on a national node, else null
   * @param maxBodyBytes the node's body limit (a JSON API document, a plain form)
   * @param subscriptionService email subscriptions (issue 15), or null for none
   * @param cosigning co-signed calls (issue 17), or null for none
   * @param actionDays days of action (issue 17: the national pages announce the next ones), or null for none
   */
  public WebRoutes(Vertx vertx, Accounts accounts, Publishing publishing, AggregationService national,
      NationalService coordination, FederationContext federation, URI publicUrl, Path uploadsDir,
      BodyBudget bodyBudget, long maxBodyBytes, SubscriptionService subscriptionService, ActionDayService actionDays,
      CoSigning cosigning) {
    this.bodyBudget = bodyBudget;
    this.pages = new Pages(Messages.load(), new Renderer(), publicUrl);
    this.subscriptions = new SubscriptionPages(pages, subscriptionService,
        new SubscriptionBoxes(subscriptionService, coordination));
    this.subscriberAdmin = subscriptionService == null ? null : new SubscriberAdminPages(pages, subscriptionService);
    CoSignViews cosignViews = new CoSignViews(cosigning);
    this.publicPages = new PublicPages(pages, accounts, publishing, subscriptions, cosignViews);
    this.archives = new ArchivePages(pages, accounts, publishing);
    this.nationalPages = national == null || coordination == null ? null
        : new NationalPages(pages, national, coordination, publishing.clock, subscriptions, new DayLinks(actionDays));
    this.embeds = new EmbedPages(pages, accounts, publishing, national);
    this.members = new MemberPages(pages, accounts, publishing, cosignViews);
    this.invitations = new InvitationPages(pages, accounts, members);
    this.accountMail = new AccountMailPages(pages, accounts);
    this.editor = new EditorPages(pages, publishing, vertx, federation);
    this.admin = new AdminPages(pages, accounts, federation, invitations);
    this.signature = new SignaturePages(pages, accounts);
    this.community = federation == null ? null : new CommunityPages(pages, publishing, federation);
    this.cosignAuthor = cosigning == null ? null : new CoSignPages(pages, publishing, cosigning);
    this.cosignInbox = cosigning == null ? null : new CoSignInboxPages(pages, cosigning);
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
    AccessGate.page(router.get("/static/:file"), Access.PUBLIC).handler(assets::serve);
    AccessGate.page(router.get("/favicon.ico"), Access.PUBLIC).handler(assets::favicon);
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

    get(router, "/espace", Access.SIGNED_IN, members::space);
    get(router, "/espace/login", members::loginForm);
    post(router, "/espace/login", members::login);
    post(router, "/espace/logout", members::logout);
    get(router, "/invitations/:token", invitations::form);
    post(router, "/invitations/:token", invitations::accept);
    post(router, "/invitations/:token/join", Access.SIGNED_IN, invitations::join);
    get(router, "/espace/password", Access.SIGNED_IN, members::passwordForm);
    get(router, "/espace/password/forgot", accountMail::forgotForm);
    post(router, "/espace/password/forgot", accountMail::forgot);
    get(router, "/espace/password/reset/:token", accountMail::resetForm);
    post(router, "/espace/password/reset/:token", accountMail::reset);
    get(router, "/espace/email", Access.SIGNED_IN, accountMail::emailForm);
    post(router, "/espace/email", Access.SIGNED_IN, accountMail::setEmail);
    get(router, "/espace/email/confirm/:token", accountMail::confirmEmail);
    post(router, "/espace/password", Access.SIGNED_IN, members::changePassword);
    post(router, "/espace/agenda-prive", Access.SIGNED_IN, members::renewCalendar); // members-only: the private calendar link

    String form = "/espace/:collective/:kind/new";
    String edit = "/espace/:collective/:kind/:id/edit";
    for (String path : new String[] {form, edit}) {
      // Multipart with one file: our own body handler ahead of the node's (which lets it through).
      router.post(path).order(-1).handler(bodyBudget.guard(maxUploadBytes, BodyHandler.create(true)
          .setBodyLimit(maxUploadBytes).setUploadsDirectory(uploadsDir.toString()).setDeleteUploadedFilesOnEnd(true)));
      // A refused submission (form token, body limit) answers the form again, ahead of the error page.
      router.post(path).order(-3).failureHandler(editor::refused);
    }
    get(router, form, Access.MEMBER, editor::newForm);
    post(router, form, Access.MEMBER, editor::submit);
    get(router, edit, Access.MEMBER, editor::editForm);
    post(router, edit, Access.MEMBER, editor::submit);
    post(router, "/espace/:collective/:kind/:id/publish", Access.EDITOR, editor::publish);
    post(router, "/espace/:collective/:kind/:id/delete", Access.MEMBER, editor::delete);
    post(router, "/espace/:collective/:kind/:id/cancel", Access.EDITOR, editor::cancel);
    get(router, "/espace/:collective/signature", Access.EDITOR, signature::form);
    post(router, "/espace/:collective/signature", Access.EDITOR, signature::save);
    get(router, "/espace/admin", Access.ADMIN, admin::home);
    post(router, "/espace/admin/collectives", Access.ADMIN, admin::createCollective);
    if (subscriberAdmin != null) {
      get(router, "/espace/admin/:collective/subscribers", Access.ADMIN, subscriberAdmin::list);
      get(router, "/espace/admin/:collective/subscribers.csv", Access.ADMIN, subscriberAdmin::export);
      post(router, "/espace/admin/:collective/subscribers/:id/delete", Access.ADMIN, subscriberAdmin::delete);
    }
    get(router, "/espace/admin/:collective", Access.ADMIN, admin::collective);
    post(router, "/espace/admin/:collective/members", Access.ADMIN, admin::setRole);
    post(router, "/espace/admin/:collective/members/password", Access.ADMIN, admin::resetPassword);
    post(router, "/espace/admin/:collective/invitations", Access.ADMIN, admin::invite);
    get(router, "/subscriptions", Access.PUBLIC, subscriptions::form);
    post(router, "/subscriptions", Access.PUBLIC, subscriptions::subscribe);
    get(router, SubscriptionLinks.CONFIRM + ":token", Access.PUBLIC, subscriptions::confirmPage);
    post(router, SubscriptionLinks.CONFIRM + ":token", Access.PUBLIC, subscriptions::confirm);
    get(router, SubscriptionLinks.MANAGE + ":id/:key", Access.PUBLIC, subscriptions::manage);
    post(router, SubscriptionLinks.MANAGE + ":id/:key", Access.PUBLIC, subscriptions::update);
    get(router, SubscriptionLinks.UNSUBSCRIBE + ":id/:key", Access.PUBLIC, subscriptions::unsubscribePage);
    post(router, SubscriptionLinks.UNSUBSCRIBE + ":id/:key", Access.PUBLIC, subscriptions::unsubscribe);
    get(router, "/espace/:collective/invitations", Access.EDITOR, invitations::inviteForm);
    post(router, "/espace/:collective/invitations", Access.EDITOR, invitations::invite);
    if (community != null) {
      get(router, "/espace/:collective/followers", Access.EDITOR, community::followers);
      post(router, "/espace/:collective/followers", Access.EDITOR, community::decide);
      post(router, "/espace/:collective/following", Access.EDITOR, community::follow);
      get(router, "/espace/:collective/moderation", Access.EDITOR, community::moderation);
      post(router, "/espace/:collective/moderation", Access.EDITOR, community::moderate);
    }
    if (cosignAuthor != null) {
      // co-signed calls (issue 17): the author's editors invite and list signatories; the invited collective answers
      String call = "/espace/:collective/calls/:id/cosign";
      get(router, call, Access.EDITOR, cosignAuthor::page);
      post(router, call + "/invite", Access.EDITOR, cosignAuthor::invite);
      post(router, call + "/cancel", Access.EDITOR, cosignAuthor::cancel);
      post(router, call + "/remove", Access.EDITOR, cosignAuthor::remove);
      post(router, call + "/signatories", Access.EDITOR, cosignAuthor::textSignatories);
      get(router, "/espace/:collective/cosign", Access.MEMBER, cosignInbox::list);
      post(router, "/espace/:collective/cosign/:invitation/sign", Access.EDITOR, cosignInbox::sign);
      post(router, "/espace/:collective/cosign/:invitation/decline", Access.EDITOR, cosignInbox::decline);
      post(router, "/espace/:collective/cosign/:invitation/withdraw", Access.EDITOR, cosignInbox::withdraw);
    }
  }

  /** A public page (what it shows still follows the content's visibility). */
  private void get(Router router, String path, Handler<RoutingContext> handler) {
    get(router, path, Access.PUBLIC, handler);
  }

  private void post(Router router, String path, Handler<RoutingContext> handler) {
    post(router, path, Access.PUBLIC, handler);
  }

  /** A page that declares what it needs: the {@link AccessGate} checks it before the handler. */
  private void get(Router router, String path, Access access, Handler<RoutingContext> handler) {
    pages.mount(router.get(path), access, handler);
  }

  private void post(Router router, String path, Access access, Handler<RoutingContext> handler) {
    pages.mount(router.post(path), access, handler);
  }
}
