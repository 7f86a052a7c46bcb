package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.function.BiFunction;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.cosign.CoSignInvitation;
import org.coordo.server.domain.cosign.InvitationState;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.cosign.CoSigning;

/**
 * The invited side, in the members' space: "Invitations à co-signer" (members read it; editors sign,
 * decline, and withdraw a signature after a confirmation step). An invitation id that is not the
 * collective's (another collective's, unknown, malformed) is a 404, as if it did not exist.
 *
 * <pre>
 * GET  /espace/{collective}/cosign
 * POST /espace/{collective}/cosign/{invitation}/sign   …/decline   …/withdraw (asks first)
 * </pre>
 */
public final class CoSignInboxPages {
  /** An invitation as the list shows it. */
  public record Row(String id, String inviter, String inviterHandle, String title, String url, String state,
      String received, String answered) {}

  private final Pages pages;
  private final CoSigning cosigning;

  CoSignInboxPages(Pages pages, CoSigning cosigning) {
    this.pages = pages;
    this.cosigning = cosigning;
  }

  static String path(String collective) {
    return "/espace/" + collective + "/cosign";
  }

  void list(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PageContext p = pages.context(ctx);
    String collective = ctx.pathParam("collective");
    cosigning.incoming(who, collective).onSuccess(all -> {
      List<Row> pending = rows(all, p, InvitationState.PENDING);
      List<Row> signed = rows(all, p, InvitationState.ACCEPTED);
      List<Row> past = all.stream().filter(i -> i.state() == InvitationState.DECLINED
          || i.state() == InvitationState.WITHDRAWN).map(i -> row(i, p)).toList();
      pages.render(ctx, 200, "cosign-inbox.jte", p, "collective", collective, "pending", pending, "signed", signed,
          "past", past, "editor", who.canPublishFor(collective), "notice", MemberPages.takeNotice(ctx, p));
    }).onFailure(e -> pages.error(ctx, e));
  }

  void sign(RoutingContext ctx) {
    answer(ctx, (who, i) -> cosigning.accept(who, i.collective(), i.id()).map("notice.cosignSigned"));
  }

  void decline(RoutingContext ctx) {
    answer(ctx, (who, i) -> cosigning.decline(who, i.collective(), i.id()).map("notice.cosignDeclined"));
  }

  /** Withdraws the collective's signature once confirmed (the first POST answers the confirmation page). */
  void withdraw(RoutingContext ctx) {
    if (ConfirmStep.confirmed(ctx)) {
      answer(ctx, (who, i) -> cosigning.withdraw(who, i.collective(), URI.create(i.call()))
          .map("notice.cosignWithdrawn"));
      return;
    }
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PageContext p = pages.context(ctx);
    find(who, ctx).onSuccess(i -> {
      String title = i.callTitle() == null || i.callTitle().isBlank() ? i.call() : i.callTitle();
      String by = i.inviterName() == null || i.inviterName().isBlank() ? i.inviter() : i.inviterName();
      pages.render(ctx, 200, "confirm.jte", p, "heading", p.t("confirm.withdraw.heading", title),
          "explain", p.t("confirm.withdraw.explain", by), "button", p.t("confirm.withdraw.button"),
          "action", path(i.collective()) + "/" + i.id() + "/withdraw", "danger", true);
    }).onFailure(e -> pages.error(ctx, e));
  }

  private void answer(RoutingContext ctx, BiFunction<Principal, CoSignInvitation, Future<String>> action) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    find(who, ctx).compose(i -> action.apply(who, i)).onSuccess(notice -> {
      MemberPages.notice(ctx, notice);
      Pages.redirect(ctx, path(collective));
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** The collective's invitation named by the path, or a 404. */
  private Future<CoSignInvitation> find(Principal who, RoutingContext ctx) {
    String collective = ctx.pathParam("collective");
    String id = ctx.pathParam("invitation");
    if (id == null || id.length() > 100 || !id.matches("[A-Za-z0-9_-]+")) {
      return Future.failedFuture(NodeError.notFound("invitation"));
    }
    return cosigning.incoming(who, collective).compose(all -> all.stream()
        .filter(i -> i.id().equals(id) && i.collective().equals(collective)).findFirst()
        .map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(NodeError.notFound("invitation"))));
  }

  private static List<Row> rows(List<CoSignInvitation> all, PageContext p, InvitationState state) {
    return all.stream().filter(i -> i.state() == state).map(i -> row(i, p)).toList();
  }

  private static Row row(CoSignInvitation i, PageContext p) {
    String inviter = i.inviterName() != null && !i.inviterName().isBlank() ? i.inviterName()
        : i.inviterHandle() != null ? i.inviterHandle() : i.inviter();
    String title = i.callTitle() != null && !i.callTitle().isBlank() ? i.callTitle() : p.t("cosign.untitled");
    String url = i.callUrl() != null && !i.callUrl().isBlank() ? i.callUrl() : i.call();
    return new Row(i.id(), inviter, i.inviterHandle() == null ? "" : i.inviterHandle(), title, url,
        p.t("cosign.inboxState." + i.state().name()), PublicationView.date(i.receivedAt(), p.messages().locale()),
        PublicationView.date(i.answeredAt(), p.messages().locale()));
  }
}
