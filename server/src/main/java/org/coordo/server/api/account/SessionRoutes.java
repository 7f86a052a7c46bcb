package org.coordo.server.api.account;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import org.coordo.server.convert.AccountApiConverter;

import static org.coordo.server.api.account.ApiReplies.body;
import static org.coordo.server.api.account.ApiReplies.string;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.SessionCookie;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.SecretTokens;

/**
 * Login and the signed-in person's own account:
 *
 * <pre>
 * POST   /api/session            {username, password} → 200 me, sets the session cookie; 401; 429
 * DELETE /api/session            → 204, revokes the session and clears the cookie
 * GET    /api/me                 → 200 {id, username, displayName, admin, roles, actor}
 * POST   /api/me/password        {oldPassword, newPassword} → 204 (other sessions revoked)
 * GET    /api/me/tokens          → 200 {tokens: [{id, label, created}]}
 * POST   /api/me/tokens          {label} → 201 {token, id, label, created} (the token is shown once)
 * DELETE /api/me/tokens/:id      → 204
 * </pre>
 */
final class SessionRoutes {
  private final Accounts accounts;
  private final AccountApiConverter convert;

  SessionRoutes(Accounts accounts, AccountApiConverter convert) {
    this.accounts = accounts;
    this.convert = convert;
  }

  void mount(Router router) {
    AccessGate.api(router.post("/api/session"), Access.PUBLIC).handler(this::login);
    AccessGate.api(router.delete("/api/session"), Access.PUBLIC).handler(this::logout);
    AccessGate.api(router.get("/api/me"), Access.SIGNED_IN).handler(this::me);
    AccessGate.api(router.post("/api/me/password"), Access.SIGNED_IN).handler(this::changePassword);
    AccessGate.api(router.get("/api/me/tokens"), Access.SIGNED_IN).handler(this::listTokens);
    AccessGate.api(router.post("/api/me/tokens"), Access.SIGNED_IN).handler(this::createToken);
    AccessGate.api(router.delete("/api/me/tokens/:id"), Access.SIGNED_IN).handler(this::revokeToken);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String username = string(body, "username");
    String password = string(body, "password");
    String address = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
    ApiReplies.reply(ctx, accounts.sessions().login(username, password, address).compose(login -> {
      ctx.response().addCookie(SessionCookie.of(
          login.token(), accounts.sessions().policy().absoluteLifetime(), accounts.settings().secureCookies()));
      return accounts.users().findByUsername(login.principal().username())
          .map(user -> convert.me(login.principal(), user.orElse(null)));
    }), 200, json -> json);
  }

  private void logout(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
    Future<Void> revoked = cookie == null ? Future.succeededFuture() : accounts.sessions().logout(cookie.getValue());
    ctx.response().addCookie(SessionCookie.cleared(accounts.settings().secureCookies()));
    ApiReplies.noContent(ctx, revoked);
  }

  private void me(RoutingContext ctx) {
    Principal p = AuthHandler.require(ctx);
    ApiReplies.reply(ctx, accounts.users().findByUsername(p.username()), 200, user -> convert.me(p, user.orElse(null)));
  }

  private void changePassword(RoutingContext ctx) {
    Principal p = AuthHandler.require(ctx);
    JsonObject body = body(ctx);
    Cookie cookie = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
    byte[] current = cookie != null && SecretTokens.looksValid(cookie.getValue())
        ? SecretTokens.hash(cookie.getValue())
        : null;
    ApiReplies.noContent(ctx, accounts.users().changePassword(
        p, string(body, "oldPassword"), string(body, "newPassword"), current));
  }

  private void listTokens(RoutingContext ctx) {
    Principal p = AuthHandler.require(ctx);
    ApiReplies.reply(ctx, accounts.sessions().listTokens(p.userId()), 200, tokens ->
        AccountApiConverter.list("tokens", new JsonArray(tokens.stream().map(convert::token).toList())));
  }

  private void createToken(RoutingContext ctx) {
    Principal p = AuthHandler.require(ctx);
    String label = ctx.body().length() == 0 ? null : string(body(ctx), "label");
    ApiReplies.reply(ctx, accounts.sessions().createToken(p.username(), label), 201,
        issued -> convert.token(issued.record()).put("token", issued.token()));
  }

  private void revokeToken(RoutingContext ctx) {
    Principal p = AuthHandler.require(ctx);
    ApiReplies.noContent(ctx, accounts.sessions().revokeToken(p.userId(), ctx.pathParam("id")));
  }
}
