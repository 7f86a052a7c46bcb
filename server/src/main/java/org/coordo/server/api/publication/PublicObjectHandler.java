package org.coordo.server.api.publication;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.coordo.federation.vocab.CollectionQuery;
import org.coordo.federation.vocab.OrderedCollections;
import org.coordo.federation.vocab.As;
import org.coordo.server.convert.AsContext;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.domain.publication.Visibility;
import org.coordo.server.service.publication.ModerationService;
import org.coordo.server.service.publication.PublicationService;
import org.coordo.storage.Page;

/**
 * What the fediverse reads besides an object's id (federation serves that, through {@code
 * fedimpl/PublicationObjectDispatcher}): each publication's {@code replies}, the collective's paged
 * collections of calls and minutes and its {@code upcomingEvents}; and the minimal page of an id for
 * a node without web pages.
 */
final class PublicObjectHandler {
  private final PublicationService service;
  private final ModerationService moderation;
  private final PublicationAsConverter as;
  private final PublicationUris uris;

  PublicObjectHandler(PublicationService service, ModerationService moderation, PublicationAsConverter as) {
    this.service = service;
    this.moderation = moderation;
    this.as = as;
    this.uris = as.uris();
  }

  /**
   * The minimal page of a publication's id, for a browser on a node without web pages (the web
   * pages' route answers first when mounted; ActivityStreams clients got federation's answer).
   */
  void page(RoutingContext ctx, PublicationKind kind) {
    PublicationKey key = new PublicationKey(Params.collective(ctx), kind, Params.id(ctx));
    service.find(key).onSuccess(found -> {
      Visibility visibility = found.map(Visibility::toPublic).orElse(Visibility.HIDDEN);
      if (visibility == Visibility.HIDDEN) {
        ctx.fail(NodeError.notFound("publication"));
        return;
      }
      ctx.response().setStatusCode(visibility == Visibility.GONE ? 410 : 200)
          .putHeader("Vary", "Accept")
          .putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'")
          .end(HtmlPages.publication(found.get(), uris));
    }).onFailure(ctx::fail);
  }

  void replies(RoutingContext ctx, PublicationKind kind) {
    PublicationKey key = new PublicationKey(Params.collective(ctx), kind, Params.id(ctx));
    CollectionQuery query = query(ctx);
    String id = uris.replies(key).toString();
    service.find(key).compose(found -> {
      if (found.isEmpty() || !found.get().isPublic()) {
        return Future.failedFuture(NodeError.notFound("publication"));
      }
      if (!query.page()) {
        return moderation.countApproved(key)
            .map(n -> OrderedCollections.collection(id, n, id + "?page=true"));
      }
      return moderation.approved(key, query.cursor(), query.limit()).map(page -> render(id, query,
          page.map(r -> (Object) r.id())));
    }).onSuccess(doc -> activityJson(ctx, 200, doc)).onFailure(ctx::fail);
  }

  /** {@code /collectives/{name}/calls} and {@code …/minutes}: published items, newest first. */
  void collection(RoutingContext ctx, PublicationKind kind) {
    String collective = Params.collective(ctx);
    CollectionQuery query = query(ctx);
    String id = uris.collection(collective, kind).toString();
    Future<JsonObject> doc = !query.page()
        ? service.countPublished(collective, kind).map(n -> OrderedCollections.collection(id, n,
            id + "?page=true"))
        : service.published(collective, kind, query.cursor(), query.limit())
            .map(page -> render(id, query, page.map(p -> (Object) as.toObject(p))));
    doc.onSuccess(d -> activityJson(ctx, 200, d)).onFailure(ctx::fail);
  }

  /** {@code upcomingEvents}: published events from now on, by start time (soonest first). */
  void upcoming(RoutingContext ctx) {
    String collective = Params.collective(ctx);
    CollectionQuery query = query(ctx);
    String id = uris.upcomingEvents(collective).toString();
    Future<JsonObject> doc = !query.page()
        ? service.countUpcoming(collective)
            .map(n -> OrderedCollections.collection(id, n, id + "?page=true"))
        : service.upcoming(collective, query.cursor(), query.limit())
            .map(page -> render(id, query, page.map(p -> (Object) as.toObject(p))));
    doc.onSuccess(d -> activityJson(ctx, 200, d)).onFailure(ctx::fail);
  }

  private static JsonObject render(String id, CollectionQuery query, Page<Object> page) {
    String suffix = query.limitGiven() ? "&limit=" + query.limit() : "";
    String pageId = query.cursor() == null ? id + "?page=true" + suffix : id + "?cursor=" + query.cursor().encode() + suffix;
    List<Object> items = new ArrayList<>(page.items());
    JsonObject doc = OrderedCollections.page(id, pageId, items,
        page.next().map(c -> id + "?cursor=" + c.encode() + suffix).orElse(null));
    doc.put("@context", AsContext.publication());
    return doc;
  }

  private static CollectionQuery query(RoutingContext ctx) {
    return CollectionQuery.parse(ctx.queryParams().get("page"), ctx.queryParams().get("cursor"),
        ctx.queryParams().get("limit"));
  }

  private static void activityJson(RoutingContext ctx, int status, JsonObject doc) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", As.CONTENT_TYPE)
        .putHeader("Vary", "Accept")
        .end(doc.encode());
  }
}
