package org.coordo.server.api.account;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import org.coordo.server.convert.AccountApiConverter;

import static org.coordo.server.api.account.ApiReplies.body;
import static org.coordo.server.api.account.ApiReplies.string;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Principal;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService.NewUser;

/**
 * Invitations, for people who have no account yet:
 *
 * <pre>
 * GET  /api/invitations/:token          → 200 {collective, role, expires}; 404 unknown; 410 used or expired
 * POST /api/invitations/:token/accept   {username, displayName, password} → 201 {username, collective, role}
 * POST /api/invitations/:token/join     signed in: adds the membership to the current account → 200 membership
 * </pre>
 */
final class InvitationRoutes {
  private final Accounts accounts;
  private final AccountApiConverter convert;

  InvitationRoutes(Accounts accounts, AccountApiConverter convert) {
    this.accounts = accounts;
    this.convert = convert;
  }

  void mount(Router router) {
    AccessGate.api(router.get("/api/invitations/:token"), Access.PUBLIC).handler(this::check);
    AccessGate.api(router.post("/api/invitations/:token/accept"), Access.PUBLIC).handler(this::accept);
    AccessGate.api(router.post("/api/invitations/:token/join"), Access.SIGNED_IN).handler(this::join);
  }

  private void check(RoutingContext ctx) {
    ApiReplies.reply(ctx, accounts.invitations().check(ctx.pathParam("token")), 200, convert::invitation);
  }

  private void join(RoutingContext ctx) {
    Principal p = AuthHandler.require(ctx);
    ApiReplies.reply(ctx, accounts.invitations().join(ctx.pathParam("token"), p.userId()), 200, convert::membership);
  }

  private void accept(RoutingContext ctx) {
    JsonObject body = body(ctx);
    NewUser input = new NewUser(string(body, "username"), string(body, "displayName"), string(body, "password"));
    String token = ctx.pathParam("token");
    ApiReplies.reply(ctx,
        accounts.invitations().check(token)
            .compose(invitation -> accounts.invitations().accept(token, input)
                .map(user -> new JsonObject()
                    .put("username", user.username())
                    .put("collective", invitation.collective())
                    .put("role", invitation.role().id()))),
        201, json -> json);
  }
}
