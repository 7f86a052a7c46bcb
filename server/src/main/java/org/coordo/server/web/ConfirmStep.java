package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.coordo.federation.FederationContext;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.service.publication.Publishing;

/**
 * The second step of the actions that cannot be taken back and go out to the fediverse (delete a
 * publication, cancel an event): a POST without {@code confirm=yes} changes nothing and answers a page
 * that says what the action does, with a button that posts again with {@code confirm=yes}. Plain forms:
 * it works without JavaScript.
 */
final class ConfirmStep {
  static final String FIELD = "confirm";
  static final String YES = "yes";

  /** What is confirmed: its message keys (heading with the title, what it does, the button). */
  enum What {
    DELETE("confirm.delete.heading", "confirm.delete.explain", "confirm.delete.button"),
    CANCEL("confirm.cancel.heading", "confirm.cancel.explain", "confirm.cancel.button");

    final String heading;
    final String explain;
    final String button;

    What(String heading, String explain, String button) {
      this.heading = heading;
      this.explain = explain;
      this.button = button;
    }
  }

  private final Pages pages;
  private final Publishing pub;
  private final FederationContext federation;

  ConfirmStep(Pages pages, Publishing pub, FederationContext federation) {
    this.pages = pages;
    this.pub = pub;
    this.federation = federation;
  }

  /** Whether this POST carries the confirmation. */
  static boolean confirmed(RoutingContext ctx) {
    return YES.equals(ctx.request().getFormAttribute(FIELD));
  }

  /** Draws the confirmation page of {@code key} (404 when it does not exist or is not the member's to see). */
  void ask(RoutingContext ctx, Principal who, PublicationKey key, What what) {
    PageContext p = pages.context(ctx);
    pub.service.get(Optional.of(who), key)
        .compose(existing -> followers(key.collective()).map(n -> {
          String action = "/espace/" + key.collective() + "/" + key.kind().segment() + "/" + key.id() + "/"
              + (what == What.DELETE ? "delete" : "cancel");
          String audience = n < 0 ? p.t("confirm.audienceUnknown")
              : n == 1 ? p.t("confirm.audienceOne") : p.t("confirm.audience", n);
          pages.render(ctx, 200, "confirm.jte", p, "heading", p.t(what.heading, existing.title()),
              "explain", p.t(what.explain, audience), "button", p.t(what.button), "action", action,
              "danger", what == What.DELETE);
          return (Void) null;
        }))
        .onFailure(e -> pages.error(ctx, e));
  }

  /** Accepted followers of the collective, or -1 when unknown (no federation, or it failed). */
  private Future<Long> followers(String collective) {
    if (federation == null) {
      return Future.succeededFuture(-1L);
    }
    return federation.followerCount(collective).recover(e -> Future.succeededFuture(-1L));
  }
}
