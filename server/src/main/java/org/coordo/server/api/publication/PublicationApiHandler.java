package org.coordo.server.api.publication;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.coordo.server.auth.AuthHandler;
import org.coordo.server.auth.Principal;
import org.coordo.server.convert.PublicationApiConverter;
import org.coordo.server.domain.publication.Counters;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;
import org.coordo.storage.Page;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.service.publication.PublicationService;
import org.coordo.server.service.publication.ReplyService;

/**
 * {@code /api/collectives/{name}/{calls|minutes|events}}: list, create, read, update, delete,
 * publish, cancel. Parses, calls the service, maps the result; nothing else.
 */
final class PublicationApiHandler {
  private final PublicationService service;
  private final PublicationApiConverter converter;
  private final ReplyService replies;

  PublicationApiHandler(PublicationService service, PublicationApiConverter converter, ReplyService replies) {
    this.service = service;
    this.converter = converter;
    this.replies = replies;
  }

  Future<JsonObject> list(RoutingContext ctx, PublicationKind kind) {
    String collective = Params.collective(ctx);
    String state = ctx.queryParams().get("state");
    boolean drafts = "draft".equals(state);
    if (state != null && !drafts && !"published".equals(state)) {
      throw NodeError.badRequest("state must be draft or published");
    }
    String visibility = ctx.queryParams().get("visibility");
    if (visibility != null && !"public".equals(visibility) && !"members".equals(visibility)) {
      throw NodeError.badRequest("visibility must be public or members");
    }
    Future<Page<Publication>> listed = "members".equals(visibility) && !drafts
        // the published members-only ones: for members of the collective only (404 to anyone else)
        ? service.membersOnly(AuthHandler.require(ctx), collective, kind, Params.cursor(ctx), Params.limit(ctx, 20))
        : service.list(AuthHandler.principal(ctx), collective, kind, drafts, Params.cursor(ctx), Params.limit(ctx, 20));
    return listed
        .compose(page -> withCounters(ctx, page.items()).map(items -> {
          JsonObject out = new JsonObject().put("items", items);
          page.next().ifPresent(c -> out.put("next", c.encode()));
          return out;
        }));
  }

  Future<JsonObject> create(RoutingContext ctx, PublicationKind kind) {
    Principal who = AuthHandler.require(ctx);
    String collective = Params.collective(ctx);
    JsonObject body = Params.body(ctx);
    PublicationInput input = converter.parse(body, kind);
    boolean publish = PublicationApiConverter.publishFlag(body);
    return service.create(who, collective, kind, input, publish).compose(p -> {
      ctx.response().setStatusCode(201).putHeader("Location", "/api/collectives/" + collective + "/"
          + kind.segment() + "/" + p.id());
      return render(ctx, p);
    });
  }

  Future<JsonObject> read(RoutingContext ctx, PublicationKind kind) {
    PublicationKey key = key(ctx, kind);
    return service.get(AuthHandler.principal(ctx), key).compose(p -> render(ctx, p));
  }

  Future<JsonObject> update(RoutingContext ctx, PublicationKind kind) {
    Principal who = AuthHandler.require(ctx);
    PublicationKey key = key(ctx, kind);
    JsonObject body = Params.body(ctx);
    PublicationInput input = converter.parse(body, kind);
    boolean publish = PublicationApiConverter.publishFlag(body);
    return service.update(who, key, input, publish).compose(p -> render(ctx, p));
  }

  Future<JsonObject> publish(RoutingContext ctx, PublicationKind kind) {
    Principal who = AuthHandler.require(ctx);
    return service.publish(who, key(ctx, kind)).compose(p -> render(ctx, p));
  }

  Future<JsonObject> cancel(RoutingContext ctx) {
    Principal who = AuthHandler.require(ctx);
    return service.cancel(who, key(ctx, PublicationKind.EVENT)).compose(p -> render(ctx, p));
  }

  void delete(RoutingContext ctx, PublicationKind kind) {
    Principal who = AuthHandler.require(ctx);
    service.delete(who, key(ctx, kind))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private static PublicationKey key(RoutingContext ctx, PublicationKind kind) {
    return new PublicationKey(Params.collective(ctx), kind, Params.id(ctx));
  }

  /** Members of the collective see who wrote one published as the collective; nobody else does. */
  private JsonObject toApi(RoutingContext ctx, Publication p, Counters counters) {
    boolean member = AuthHandler.principal(ctx).filter(who -> who.isMemberOf(p.collective())).isPresent();
    return member ? converter.toMemberApi(p, counters) : converter.toApi(p, counters);
  }

  private Future<JsonObject> render(RoutingContext ctx, Publication p) {
    return replies.counters(List.of(p.key())).map(c -> toApi(ctx, p, c.get(0)));
  }

  private Future<JsonArray> withCounters(RoutingContext ctx, List<Publication> items) {
    return replies.counters(items.stream().map(Publication::key).toList()).map(counters -> {
      JsonArray out = new JsonArray();
      for (int i = 0; i < items.size(); i++) {
        out.add(toApi(ctx, items.get(i), counters.get(i)));
      }
      return out;
    });
  }
}
