package org.coordo.server.api.publication;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Principal;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.domain.publication.Reply;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.ModerationService;

/**
 * {@code /api/collectives/{name}/moderation/replies}: the pending queue; approve, hide, delete,
 * block (account or domain). A reply is named in URLs by {@code ref}, the base64url of its id.
 */
final class ModerationHandler {
  private final ModerationService moderation;
  private final PublicationUris uris;

  ModerationHandler(ModerationService moderation, PublicationUris uris) {
    this.moderation = moderation;
    this.uris = uris;
  }

  Future<JsonObject> queue(RoutingContext ctx) {
    Principal who = AuthHandler.require(ctx);
    return moderation.queue(who, Params.collective(ctx), Params.cursor(ctx), Params.limit(ctx, 20)).map(page -> {
      JsonArray items = new JsonArray();
      page.items().forEach(r -> items.add(toApi(r)));
      JsonObject out = new JsonObject().put("items", items);
      page.next().ifPresent(c -> out.put("next", c.encode()));
      return out;
    });
  }

  Future<JsonObject> approve(RoutingContext ctx) {
    return moderation.approve(AuthHandler.require(ctx), Params.collective(ctx), replyId(ctx)).map(this::toApi);
  }

  Future<JsonObject> hide(RoutingContext ctx) {
    return moderation.hide(AuthHandler.require(ctx), Params.collective(ctx), replyId(ctx)).map(this::toApi);
  }

  Future<JsonObject> block(RoutingContext ctx) {
    Principal who = AuthHandler.require(ctx);
    JsonObject body = Params.body(ctx);
    Object scope = body.getValue("scope");
    if (!(scope instanceof String s) || !(s.equals("account") || s.equals("domain"))) {
      throw NodeError.validationFailed(java.util.Map.of("scope", "must be account or domain"));
    }
    return moderation.block(who, Params.collective(ctx), replyId(ctx), (String) scope)
        .map(v -> new JsonObject().put("blocked", scope));
  }

  void delete(RoutingContext ctx) {
    Principal who = AuthHandler.require(ctx);
    moderation.delete(who, Params.collective(ctx), replyId(ctx))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  JsonObject toApi(Reply r) {
    return new JsonObject()
        .put("ref", ref(r.id()))
        .put("id", r.id())
        .put("inReplyTo", uris.object(r.target()).toString())
        .put("author", r.authorId())
        .put("contentHtml", r.contentHtml())
        .put("url", r.url())
        .put("state", r.state().name().toLowerCase(java.util.Locale.ROOT))
        .put("published", r.published() == null ? null : r.published().toString())
        .put("receivedAt", r.receivedAt().toString());
  }

  static String ref(String replyId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(replyId.getBytes(StandardCharsets.UTF_8));
  }

  private static String replyId(RoutingContext ctx) {
    String ref = ctx.pathParam("ref");
    try {
      return new String(Base64.getUrlDecoder().decode(ref), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw NodeError.notFound("reply");
    }
  }
}
