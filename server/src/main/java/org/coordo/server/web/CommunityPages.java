package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.coordo.federation.FederationContext;
import org.coordo.federation.Follower;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.publication.Reply;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.Publishing;

/**
 * Editors' pages about the collective's audience: its followers (approving pending follows when the
 * collective approves manually), following another collective by handle, and the moderation queue
 * of replies from the fediverse (approve, hide, delete, block the account or its domain).
 */
public final class CommunityPages {
  /** A follower or followed actor, as listed. */
  public record ActorRow(String id, String state, String since) {}

  /** A reply waiting for moderation. */
  public record PendingReply(String id, String author, String target, String when, String html) {}

  private final Pages pages;
  private final Publishing pub;
  private final FederationContext federation;

  CommunityPages(Pages pages, Publishing publishing, FederationContext federation) {
    this.pages = pages;
    this.pub = publishing;
    this.federation = federation;
  }

  /** The editor the route's {@code AccessGate} let through ({@code Access.EDITOR}). */
  private static Principal editor(RoutingContext ctx) {
    return MemberPages.requireSignedIn(ctx);
  }

  void followers(RoutingContext ctx) {
    if (editor(ctx) == null) {
      return;
    }
    showFollowers(ctx, Form.empty(), 200);
  }

  private void showFollowers(RoutingContext ctx, Form form, int status) {
    String collective = ctx.pathParam("collective");
    PageContext p = pages.context(ctx);
    Locale locale = p.messages().locale();
    Future<List<ActorRow>> accepted = federation.followers(collective, 200)
        .map(list -> list.stream().map(f -> row(f, locale)).toList());
    Future<List<ActorRow>> pending = federation.pendingFollowers(collective, 200)
        .map(list -> list.stream().map(f -> row(f, locale)).toList());
    Future<List<ActorRow>> following = federation.following(collective).map(list -> list.stream()
        .map(f -> new ActorRow(f.actorId().toString(), f.state().name(), date(f.followedAt(), locale))).toList());
    Future.all(accepted, pending, following).onSuccess(done -> pages.render(ctx, status, "followers.jte", p,
        "collective", collective, "accepted", accepted.result(), "pending", pending.result(),
        "following", following.result(), "f", form))
        .onFailure(e -> pages.error(ctx, e));
  }

  void decide(RoutingContext ctx) {
    if (editor(ctx) == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    URI actor;
    try {
      actor = URI.create(ctx.request().getFormAttribute("actor"));
    } catch (RuntimeException e) {
      throw NodeError.badRequest("actor");
    }
    boolean approve = "approve".equals(ctx.request().getFormAttribute("decision"));
    (approve ? federation.approveFollower(collective, actor) : federation.rejectFollower(collective, actor))
        .onSuccess(f -> {
          MemberPages.notice(ctx, approve ? "notice.followerApproved" : "notice.followerRejected");
          Pages.redirect(ctx, "/espace/" + collective + "/followers");
        }).onFailure(e -> pages.error(ctx, e));
  }

  void follow(RoutingContext ctx) {
    if (editor(ctx) == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    String handle = ctx.request().getFormAttribute("handle");
    if (handle == null || handle.isBlank()) {
      showFollowers(ctx, Form.empty().error("handle", "error.required"), 422);
      return;
    }
    federation.follow(collective, handle.strip()).onSuccess(f -> {
      MemberPages.notice(ctx, "notice.followSent");
      Pages.redirect(ctx, "/espace/" + collective + "/followers");
    }).onFailure(e -> {
      int status = Pages.statusOf(e);
      if (status >= 400 && status < 500) {
        showFollowers(ctx, Form.empty().set("handle", handle).error("handle", "error.handle"), 422);
      } else {
        pages.error(ctx, e);
      }
    });
  }

  void moderation(RoutingContext ctx) {
    Principal who = editor(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    PageContext p = pages.context(ctx);
    pub.moderation.queue(who, collective, null, 100).onSuccess(page -> {
      List<PendingReply> rows = page.items().stream().map(r -> pending(r, p.messages().locale())).toList();
      pages.render(ctx, 200, "moderation.jte", p, "collective", collective, "replies", rows);
    }).onFailure(e -> pages.error(ctx, e));
  }

  void moderate(RoutingContext ctx) {
    Principal who = editor(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    String reply = ctx.request().getFormAttribute("reply");
    String action = String.valueOf(ctx.request().getFormAttribute("action"));
    if (reply == null || reply.isBlank()) {
      throw NodeError.badRequest("reply");
    }
    Future<?> done = switch (action) {
      case "approve" -> pub.moderation.approve(who, collective, reply);
      case "hide" -> pub.moderation.hide(who, collective, reply);
      case "delete" -> pub.moderation.delete(who, collective, reply);
      case "block-account" -> pub.moderation.block(who, collective, reply, "account");
      case "block-domain" -> pub.moderation.block(who, collective, reply, "domain");
      default -> Future.failedFuture(NodeError.badRequest("action"));
    };
    done.onSuccess(x -> {
      MemberPages.notice(ctx, "notice.moderated");
      Pages.redirect(ctx, "/espace/" + collective + "/moderation");
    }).onFailure(e -> pages.error(ctx, e));
  }

  private static PendingReply pending(Reply r, Locale locale) {
    return new PendingReply(r.id(), r.authorId(), r.target().kind().segment() + "/" + r.target().id(),
        date(r.published() != null ? r.published() : r.receivedAt(), locale), r.contentHtml() == null ? "" : r.contentHtml());
  }

  private static ActorRow row(Follower f, Locale locale) {
    return new ActorRow(f.actorId().toString(), f.state().name(), date(f.followedAt(), locale));
  }

  private static String date(java.time.Instant at, Locale locale) {
    return at == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
        .format(at.atZone(NodeTime.DEFAULT_ZONE));
  }
}
