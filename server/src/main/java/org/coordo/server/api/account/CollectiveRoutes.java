package org.coordo.server.api.account;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import org.coordo.server.convert.AccountApiConverter;

import static org.coordo.server.api.account.ApiReplies.body;
import static org.coordo.server.api.account.ApiReplies.bool;
import static org.coordo.server.api.account.ApiReplies.integer;
import static org.coordo.server.api.account.ApiReplies.string;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.CollectiveService.CollectiveChanges;

/**
 * Collectives and their members (admin API), and invitations by editors:
 *
 * <pre>
 * GET    /api/collectives                          anyone → {collectives: [...]}
 * POST   /api/collectives                          admin  {name, displayName, description, manuallyApprovesFollowers} → 201
 * GET    /api/collectives/:name                    anyone → the collective
 * PATCH  /api/collectives/:name                    admin or editor of it {displayName, description, manuallyApprovesFollowers,
 *                                                  publishAsCollective (new publications hide their author by default)}
 * GET    /api/collectives/:name/members            admin or editor of it → {members: [{username, role, since}]}
 * PUT    /api/collectives/:name/members/:username  admin {role} → 200 membership (adds or changes the role)
 * DELETE /api/collectives/:name/members/:username  admin → 204
 * POST   /api/collectives/:name/invitations        admin or editor of it {role, expiresDays, email?, language?} → 201
 *                                                  {link, role, expires}; with {@code email} (mail on) the link is mailed
 *                                                  there in {@code language} (fr, en; fr by default); 503 when mail is off
 * </pre>
 */
final class CollectiveRoutes {
  private final Accounts accounts;
  private final AccountApiConverter convert;

  CollectiveRoutes(Accounts accounts, AccountApiConverter convert) {
    this.accounts = accounts;
    this.convert = convert;
  }

  void mount(Router router) {
    AccessGate.api(router.get("/api/collectives"), Access.PUBLIC).handler(this::list);
    AccessGate.api(router.post("/api/collectives"), Access.ADMIN).handler(this::create);
    AccessGate.api(router.get("/api/collectives/:name"), Access.PUBLIC).handler(this::get);
    AccessGate.api(router.patch("/api/collectives/:name"), Access.EDITOR).handler(this::update);
    AccessGate.api(router.get("/api/collectives/:name/members"), Access.EDITOR).handler(this::members);
    AccessGate.api(router.put("/api/collectives/:name/members/:username"), Access.ADMIN).handler(this::setRole);
    AccessGate.api(router.delete("/api/collectives/:name/members/:username"), Access.ADMIN).handler(this::removeMember);
    AccessGate.api(router.post("/api/collectives/:name/invitations"), Access.EDITOR).handler(this::invite);
  }

  private void list(RoutingContext ctx) {
    ApiReplies.reply(ctx, accounts.collectives().list(), 200, all ->
        AccountApiConverter.list("collectives", new JsonArray(all.stream().map(convert::collective).toList())));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = body(ctx);
    Boolean manual = bool(body, "manuallyApprovesFollowers");
    ApiReplies.reply(ctx, accounts.collectives().create(
            string(body, "name"), string(body, "displayName"), string(body, "description"),
            manual != null && manual),
        201, convert::collective);
  }

  private void get(RoutingContext ctx) {
    ApiReplies.reply(ctx, accounts.collectives().require(ctx.pathParam("name")), 200, convert::collective);
  }

  private void update(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    JsonObject body = body(ctx);
    CollectiveChanges changes = new CollectiveChanges(
        string(body, "displayName"), string(body, "description"), bool(body, "manuallyApprovesFollowers"),
        bool(body, "publishAsCollective"));
    ApiReplies.reply(ctx, accounts.collectives().update(name, changes), 200, convert::collective);
  }

  private void members(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    ApiReplies.reply(ctx, accounts.collectives().members(name), 200, all ->
        AccountApiConverter.list("members", new JsonArray(all.stream().map(convert::membership).toList())));
  }

  private void setRole(RoutingContext ctx) {
    Role role = parseRole(string(body(ctx), "role"));
    ApiReplies.reply(ctx,
        accounts.collectives().setRole(ctx.pathParam("name"), ctx.pathParam("username"), role),
        200, convert::membership);
  }

  private void removeMember(RoutingContext ctx) {
    ApiReplies.noContent(ctx, accounts.collectives().removeMember(ctx.pathParam("name"), ctx.pathParam("username")));
  }

  private void invite(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    Principal p = AuthHandler.require(ctx);
    JsonObject body = body(ctx);
    Role role = parseRole(string(body, "role"));
    ApiReplies.reply(ctx, accounts.invitations().create(name, role, integer(body, "expiresDays"), p.username(),
            string(body, "email"), string(body, "language")),
        201, issued -> convert.invitation(issued.invitation()).put("link", issued.link().toString()));
  }

  private static Role parseRole(String text) {
    return Role.parse(text).filter(Role::isCollectiveRole)
        .orElseThrow(() -> NodeError.invalid("role", "use editor or member"));
  }
}
