package org.coordo.server.api.cosign;

import static org.coordo.server.api.account.ApiReplies.body;
import static org.coordo.server.api.account.ApiReplies.string;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.coordo.federation.FederationContext;
import org.coordo.federation.Uris;
import org.coordo.federation.vocab.As;
import org.coordo.federation.vocab.CollectionQuery;
import org.coordo.server.api.account.ApiReplies;
import org.coordo.server.app.NodeServices;
import org.coordo.server.app.RouteMounter;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.convert.CoSignApiConverter;
import org.coordo.server.convert.SignatoriesAsConverter;
import org.coordo.server.domain.cosign.TextSignatory;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.cosign.CoSigning;

/**
 * Co-signed calls (issue 17): the ActivityStreams collection of a call's signatories, and the JSON API.
 *
 * <pre>
 * GET  /collectives/:name/calls/:id/signatories                   public    OrderedCollection (signed GET in authorized-fetch mode)
 * GET  /api/collectives/:name/calls/:id/signatories               public    → {call, collection, author, signatories, invited (editors)}
 * POST /api/collectives/:name/calls/:id/signatories/invitations   editor    {handle} → 201 the invitation sent
 * POST /api/collectives/:name/calls/:id/signatories/invitations/cancel editor {actor} → the invitation, withdrawn
 * POST /api/collectives/:name/calls/:id/signatories/remove        editor    {actor} → the signatories, without it (404 if it does not sign)
 * PUT  /api/collectives/:name/calls/:id/signatories/text          editor    {signatories: [{name, url}]} → the signatories
 * GET  /api/collectives/:name/cosign/incoming                  member    → {invitations: [...]} received, newest first
 * POST /api/collectives/:name/cosign/incoming/:invitation/accept  editor → the invitation
 * POST /api/collectives/:name/cosign/incoming/:invitation/decline editor → the invitation
 * POST /api/collectives/:name/cosign/withdraw                     editor    {call} → the invitation, withdrawn
 * GET  /api/collectives/:name/cosign/signed                       public    → {calls: [...]} co-signed by the collective
 * </pre>
 */
public final class CoSignRoutes implements RouteMounter {
  private static final String CALL = "/api/collectives/:name/calls/:id/signatories";
  private static final String MINE = "/api/collectives/:name/cosign";

  @Override
  public void mount(Router router, NodeServices node) {
    CoSigning cosign = node.cosigning();
    FederationContext fed = node.fed();
    route(router, HttpMethod.GET, "/collectives/:name/calls/:id/signatories", Access.PUBLIC, signed(fed, ctx ->
        cosign.signatories(java.util.Optional.empty(), collective(ctx), id(ctx)).onSuccess(s -> {
          JsonObject doc = SignatoriesAsConverter.collection(s, CollectionQuery.parse(ctx.queryParams().get("page"),
              ctx.queryParams().get("cursor"), ctx.queryParams().get("limit")));
          ctx.response().putHeader("Content-Type", As.CONTENT_TYPE).putHeader("Vary", "Accept").end(doc.encode());
        }).onFailure(ctx::fail)));
    route(router, HttpMethod.GET, CALL, Access.PUBLIC, ctx -> ApiReplies.reply(ctx,
        cosign.signatories(AuthHandler.principal(ctx), collective(ctx), id(ctx)), 200, CoSignApiConverter::signatories));
    route(router, HttpMethod.POST, CALL + "/invitations", Access.EDITOR, ctx -> ApiReplies.reply(ctx,
        cosign.invite(AuthHandler.require(ctx), collective(ctx), id(ctx), string(body(ctx), "handle")), 201,
        CoSignApiConverter::sent));
    route(router, HttpMethod.POST, CALL + "/invitations/cancel", Access.EDITOR, ctx -> ApiReplies.reply(ctx,
        cosign.cancelInvitation(AuthHandler.require(ctx), collective(ctx), id(ctx), string(body(ctx), "actor")), 200,
        CoSignApiConverter::sent));
    route(router, HttpMethod.POST, CALL + "/remove", Access.EDITOR, ctx -> {
      var who = AuthHandler.require(ctx);
      ApiReplies.reply(ctx, cosign.removeSignatory(who, collective(ctx), id(ctx), string(body(ctx), "actor"))
          .compose(v -> cosign.signatories(java.util.Optional.of(who), collective(ctx), id(ctx))), 200,
          CoSignApiConverter::signatories);
    });
    route(router, HttpMethod.PUT, CALL + "/text", Access.EDITOR, ctx -> ApiReplies.reply(ctx,
        cosign.setTextSignatories(AuthHandler.require(ctx), collective(ctx), id(ctx), texts(body(ctx))), 200,
        CoSignApiConverter::signatories));
    route(router, HttpMethod.GET, MINE + "/incoming", Access.MEMBER, ctx -> ApiReplies.reply(ctx,
        cosign.incoming(AuthHandler.require(ctx), collective(ctx)), 200,
        all -> CoSignApiConverter.listOf("invitations", all, CoSignApiConverter::invitation)));
    route(router, HttpMethod.POST, MINE + "/incoming/:invitation/accept", Access.EDITOR, ctx -> ApiReplies.reply(ctx,
        cosign.accept(AuthHandler.require(ctx), collective(ctx), invitation(ctx)), 200, CoSignApiConverter::invitation));
    route(router, HttpMethod.POST, MINE + "/incoming/:invitation/decline", Access.EDITOR, ctx -> ApiReplies.reply(ctx,
        cosign.decline(AuthHandler.require(ctx), collective(ctx), invitation(ctx)), 200, CoSignApiConverter::invitation));
    route(router, HttpMethod.POST, MINE + "/withdraw", Access.EDITOR, ctx -> ApiReplies.reply(ctx,
        cosign.withdraw(AuthHandler.require(ctx), collective(ctx), callUri(string(body(ctx), "call"))), 200,
        CoSignApiConverter::invitation));
    route(router, HttpMethod.GET, MINE + "/signed", Access.PUBLIC, ctx -> ApiReplies.reply(ctx,
        cosign.signedBy(collective(ctx)), 200, all -> CoSignApiConverter.listOf("calls", all, CoSignApiConverter::signed)));
  }

  private static void route(Router router, HttpMethod method, String path, Access access, Handler<RoutingContext> h) {
    AccessGate.api(router.route(method, path), access).handler(ctx -> {
      try {
        h.handle(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
      }
    });
  }

  /** In authorized-fetch mode, the ActivityStreams collection answers signed GETs only (401 otherwise). */
  private static Handler<RoutingContext> signed(FederationContext fed, Handler<RoutingContext> handler) {
    if (!fed.signedFetchRequired()) {
      return handler;
    }
    return ctx -> fed.checkSignedFetch(ctx).onSuccess(ok -> handler.handle(ctx)).onFailure(ctx::fail);
  }

  private static String collective(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (!Uris.isValidActorName(name)) {
      throw NodeError.notFound("collective");
    }
    return name;
  }

  private static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !id.matches("[0-9a-z]{1,64}")) {
      throw NodeError.notFound("publication");
    }
    return id;
  }

  private static String invitation(RoutingContext ctx) {
    String id = ctx.pathParam("invitation");
    if (id == null || !id.matches("[0-9A-Za-z_-]{1,64}")) {
      throw NodeError.notFound("invitation");
    }
    return id;
  }

  private static URI callUri(String call) {
    return Uris.parseHttp(call).orElseThrow(() -> NodeError.invalid("call", "the call's URL (http or https)"));
  }

  /** {@code {signatories: [{name, url}]}}: 400 when not that shape. */
  static List<TextSignatory> texts(JsonObject body) {
    if (!(body.getValue("signatories") instanceof JsonArray array)) {
      throw NodeError.invalid("signatories", "a list of {name, url}");
    }
    if (array.size() > TextSignatory.MAX_COUNT) {
      throw NodeError.invalid("signatories", "at most " + TextSignatory.MAX_COUNT + " names");
    }
    List<TextSignatory> out = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof JsonObject item) || (item.getValue("name") != null && !(item.getValue("name") instanceof String))
          || (item.getValue("url") != null && !(item.getValue("url") instanceof String))) {
        throw NodeError.invalid("signatories", "a list of {name, url}");
      }
      out.add(new TextSignatory(item.getString("name"), item.getString("url")));
    }
    return out;
  }
}
