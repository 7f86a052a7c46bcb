package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.federation.FetchException;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.InvitationState;
import org.coordo.server.domain.cosign.SentInvitation;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.cosign.TextSignatory;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.cosign.CoSigning;
import org.coordo.server.service.publication.Publishing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The author's side of a co-signed call, in the members' space (editors of the collective): "Proposer
 * à la co-signature" (invite collectives by handle, see where each invitation stands, cancel a pending
 * one) and the signatories that are not on the fediverse (plain text, one per line). A refused form
 * comes back with what was typed and a message per handle or line.
 *
 * <pre>
 * GET  /espace/{collective}/calls/{id}/cosign
 * POST /espace/{collective}/calls/{id}/cosign/invite   …/cosign/cancel   …/cosign/signatories
 * POST /espace/{collective}/calls/{id}/cosign/remove   (asks first) a collective that signed leaves the signatories
 * </pre>
 */
public final class CoSignPages {
  private static final Logger LOG = LoggerFactory.getLogger(CoSignPages.class);

  /** An invitation sent, as the page lists it. */
  public record SentRow(String actor, String name, String handle, String state, boolean pending, boolean signed,
      String sentAt) {}

  private final Pages pages;
  private final Publishing pub;
  private final CoSigning cosigning;

  CoSignPages(Pages pages, Publishing publishing, CoSigning cosigning) {
    this.pages = pages;
    this.pub = publishing;
    this.cosigning = cosigning;
  }

  static String path(String collective, String id) {
    return "/espace/" + collective + "/calls/" + id + "/cosign";
  }

  void page(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who != null) {
      show(ctx, who, 200, Form.empty(), null, List.of(), List.of());
    }
  }

  /** "Envoyer les invitations": each handle in turn; the ones refused stay in the field, each with its reason. */
  void invite(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PageContext p = pages.context(ctx);
    String collective = ctx.pathParam("collective");
    String id = ctx.pathParam("id");
    String typed = Optional.ofNullable(ctx.request().getFormAttribute("handles")).orElse("");
    CoSignForms.Parsed<String> parsed = CoSignForms.handles(typed);
    List<String> messages = new ArrayList<>(parsed.problems().stream().map(pr -> pr.in(p)).toList());
    List<String> kept = new ArrayList<>();
    if (!parsed.ok()) {
      // nothing is sent until every handle reads as one: the editor fixes the list, then sends it all
      show(ctx, who, 422, Form.empty().set("handles", typed), "handles", messages, List.of());
      return;
    }
    // the call first: an unknown id (or another collective's) is the 404 page, not a message per handle
    PublicationKey key = new PublicationKey(collective, PublicationKind.CALL, id);
    pub.service.get(Optional.of(who), key).compose(call -> {
      Future<Integer> sent = Future.succeededFuture(0);
      for (String handle : parsed.values()) {
        sent = sent.compose(n -> cosigning.invite(who, collective, id, handle).map(x -> n + 1).recover(e -> {
          messages.add(refusal(p, handle, e));
          kept.add(handle);
          return Future.succeededFuture(n);
        }));
      }
      return sent;
    }).onSuccess(n -> {
      if (kept.isEmpty()) {
        MemberPages.notice(ctx, "notice.cosignInvited~" + n);
        Pages.redirect(ctx, path(collective, id));
      } else {
        List<String> done = n == 0 ? List.of() : List.of(p.messages().count("notice.cosignInvited", n));
        show(ctx, who, 422, Form.empty().set("handles", String.join("\n", kept)), "handles", messages, done);
      }
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** Why one handle was not invited, in the reader's language. */
  private String refusal(PageContext p, String handle, Throwable e) {
    NodeError error = ErrorResponses.describe(e, -1, -1);
    String shown = CoSignForms.echo(handle);
    String field = error.fields().getOrDefault("handle", "");
    String key = switch (error.status()) {
      case 400 -> "cosign.error.handle";
      case 404, 410 -> "cosign.error.unknown";
      case 409 -> "cosign.error.already";
      case 422 -> field.contains("Group") ? "cosign.error.notCollective"
          : field.contains("another node") ? "cosign.error.sameNode" : "cosign.error.refused";
      case 502, 503, 504 -> remoteSaysUnknown(e) ? "cosign.error.unknown" : "cosign.error.unreachable";
      default -> error.status() >= 500 ? "cosign.error.failed" : "cosign.error.refused";
    };
    if (key.equals("cosign.error.failed")) {
      LOG.warn("inviting {} to co-sign failed: {}", shown, error.safeMessage(), e);
    }
    return p.t(key, shown);
  }

  /** Whether the handle's server answered, and said it has no such account (WebFinger or actor: 404, 410). */
  private static boolean remoteSaysUnknown(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FetchException f && f.reason() == FetchException.Reason.HTTP_STATUS
          && (f.remoteStatus() == 404 || f.remoteStatus() == 410)) {
        return true;
      }
    }
    return false;
  }

  /** The collective a row's form names ({@code actor}, posted, or in the address of a confirmation), or a 400. */
  private static String actorOf(RoutingContext ctx) {
    String actor = Optional.ofNullable(ctx.request().getFormAttribute("actor")).orElse(ctx.queryParams().get("actor"));
    if (actor == null || actor.isBlank() || actor.length() > CoSignForms.MAX_HANDLE * 8) {
      throw NodeError.badRequest("actor");
    }
    return actor.strip();
  }

  /** What a row's button does to the collective it names: cancel its invitation, or remove its signature. */
  private interface RowAction {
    Future<?> apply(Principal who, String collective, String publicationId, String actor);
  }

  /** Does {@code action} to the row's collective, then back to the page with {@code notice}. */
  private void onRow(RoutingContext ctx, RowAction action, String notice) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    String id = ctx.pathParam("id");
    action.apply(who, collective, id, actorOf(ctx)).onSuccess(x -> {
      MemberPages.notice(ctx, notice);
      Pages.redirect(ctx, path(collective, id));
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** "Annuler l'invitation" of a pending one (the invited node is told). */
  void cancel(RoutingContext ctx) {
    onRow(ctx, cosigning::cancelInvitation, "notice.cosignCancelled");
  }

  /**
   * "Retirer des signataires" of a collective that signed: the first POST answers the confirmation page (the actor
   * carried in its address), the confirmed one removes it.
   */
  void remove(RoutingContext ctx) {
    if (ConfirmStep.confirmed(ctx)) {
      onRow(ctx, cosigning::removeSignatory, "notice.cosignRemoved");
      return;
    }
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    String collective = ctx.pathParam("collective");
    String id = ctx.pathParam("id");
    String actor = actorOf(ctx);
    PageContext p = pages.context(ctx);
    cosigning.signatories(Optional.of(who), collective, id).map(s -> s.signatories().stream()
        .filter(x -> x.isFederated() && x.actor().equals(actor)).findFirst()
        .orElseThrow(() -> NodeError.notFound("signatory"))).onSuccess(signer -> {
      pages.render(ctx, 200, "confirm.jte", p, "heading", p.t("confirm.removeSignatory.heading", signer.name()),
          "explain", p.t("confirm.removeSignatory.explain"), "button", p.t("confirm.removeSignatory.button"),
          "action", path(collective, id) + "/remove?actor=" + java.net.URLEncoder.encode(actor,
              java.nio.charset.StandardCharsets.UTF_8), "danger", true);
    }).onFailure(e -> pages.error(ctx, e));
  }

  /** "Enregistrer les signataires": the plain-text list replaces the previous one. */
  void textSignatories(RoutingContext ctx) {
    Principal who = MemberPages.requireSignedIn(ctx);
    if (who == null) {
      return;
    }
    PageContext p = pages.context(ctx);
    String collective = ctx.pathParam("collective");
    String id = ctx.pathParam("id");
    String typed = Optional.ofNullable(ctx.request().getFormAttribute("signatories")).orElse("");
    Form f = Form.empty().set("signatories", typed);
    CoSignForms.Parsed<TextSignatory> parsed = CoSignForms.textSignatories(typed);
    if (!parsed.ok()) {
      show(ctx, who, 422, f, "signatories", parsed.problems().stream().map(pr -> pr.in(p)).toList(), List.of());
      return;
    }
    cosigning.setTextSignatories(who, collective, id, parsed.values()).onSuccess(x -> {
      MemberPages.notice(ctx, "notice.cosignTextSaved");
      Pages.redirect(ctx, path(collective, id));
    }).onFailure(e -> {
      if (e instanceof NodeError ne && ne.status() == 422) {
        show(ctx, who, 422, f, "signatories", List.of(p.t("cosign.error.signatories")), List.of());
      } else {
        pages.error(ctx, e);
      }
    });
  }

  /**
   * Draws the page of a call: 404 unless it is the collective's call; a draft or internal call says
   * that only a public call can be co-signed. {@code field} names the form that was refused, with
   * {@code messages}; {@code done} says what was sent anyway.
   */
  private void show(RoutingContext ctx, Principal who, int status, Form f, String field, List<String> messages,
      List<String> done) {
    PageContext p = pages.context(ctx);
    String collective = ctx.pathParam("collective");
    PublicationKey key = new PublicationKey(collective, PublicationKind.CALL, ctx.pathParam("id"));
    pub.service.get(Optional.of(who), key).compose(call -> {
      boolean open = call.isPublished() && call.isPublic();
      Future<Optional<CallSignatories>> found = open
          ? cosigning.signatories(Optional.of(who), collective, call.id()).map(Optional::of)
          : Future.succeededFuture(Optional.empty());
      return found.map(s -> {
        render(ctx, p, status, call, open, s.orElse(null), f, field, messages, done);
        return (Void) null;
      });
    }).onFailure(e -> pages.error(ctx, e));
  }

  private void render(RoutingContext ctx, PageContext p, int status, Publication call, boolean open,
      CallSignatories s, Form f, String field, List<String> messages, List<String> done) {
    List<SentRow> sent = new ArrayList<>();
    List<Signatory> signed = List.of();
    if (s != null) {
      for (SentInvitation i : s.invited()) {
        sent.add(new SentRow(i.invited(), blankTo(i.name(), i.handle(), i.invited()), blankTo(i.handle(), "", ""),
            p.t("cosign.state." + i.state().name()), i.state() == InvitationState.PENDING,
            i.state() == InvitationState.ACCEPTED, PublicationView.date(i.sentAt(), p.messages().locale())));
      }
      signed = s.signatories();
      if (!"signatories".equals(field)) {
        f.set("signatories", CoSignForms.asText(s.plainText().stream()
            .map(t -> new TextSignatory(t.name(), t.url())).toList()));
      }
    }
    PublicationView v = new PublicationView(call, pub.uris, p.messages().locale());
    pages.render(ctx, status, "cosign.jte", p, "v", v, "open", open, "sent", sent, "signed", signed, "f", f,
        "field", field == null ? "" : field, "messages", messages, "done", done, "notice", MemberPages.takeNotice(ctx, p),
        "action", path(call.collective(), call.id()));
  }

  private static String blankTo(String value, String orElse, String last) {
    if (value != null && !value.isBlank()) {
      return value;
    }
    return orElse != null && !orElse.isBlank() ? orElse : last;
  }
}
