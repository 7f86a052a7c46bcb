package org.coordo.federation.vocab;

import org.coordo.federation.collection.CollectionSource;


import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.coordo.federation.vocab.As;
import org.coordo.storage.Cursor;

/**
 * Renders an actor's collection from a {@link CollectionSource}: the {@code OrderedCollection}
 * document {id, totalItems, first} and its {@code OrderedCollectionPage}s {id, partOf,
 * orderedItems, next}, newest first. Page URLs: {@code <id>?page=true} for the first page,
 * {@code <id>?cursor=<opaque>} for the next ones, with {@code &limit=n} kept when asked.
 */
public final class OrderedCollections {
  private OrderedCollections() {}

  /** The collection document or the page the query asks for. */
  public static Future<JsonObject> render(
      String collectionId, CollectionSource source, String actor, CollectionQuery query) {
    if (!query.page()) {
      return source.count(actor).map(total -> collection(collectionId, total, firstPageId(collectionId, query)));
    }
    return source.page(actor, query.cursor(), query.limit()).map(page -> page(
        collectionId,
        pageId(collectionId, query),
        page.items(),
        page.next().map(next -> nextPageId(collectionId, next, query)).orElse(null)));
  }

  public static JsonObject collection(String id, long totalItems, String firstPageId) {
    return new JsonObject()
        .put("@context", As.context())
        .put("id", id)
        .put("type", "OrderedCollection")
        .put("totalItems", totalItems)
        .put("first", firstPageId);
  }

  public static JsonObject page(String collectionId, String pageId, List<Object> items, String nextPageId) {
    JsonObject page = new JsonObject()
        .put("@context", As.context())
        .put("id", pageId)
        .put("type", "OrderedCollectionPage")
        .put("partOf", collectionId)
        .put("orderedItems", new JsonArray(new java.util.ArrayList<>(items)));
    if (nextPageId != null) {
      page.put("next", nextPageId);
    }
    return page;
  }

  private static String firstPageId(String collectionId, CollectionQuery query) {
    return collectionId + "?page=true" + limitSuffix(query);
  }

  private static String pageId(String collectionId, CollectionQuery query) {
    return query.cursor() == null
        ? firstPageId(collectionId, query)
        : collectionId + "?cursor=" + query.cursor().encode() + limitSuffix(query);
  }

  private static String nextPageId(String collectionId, Cursor next, CollectionQuery query) {
    return collectionId + "?cursor=" + next.encode() + limitSuffix(query);
  }

  private static String limitSuffix(CollectionQuery query) {
    return query.limitGiven() ? "&limit=" + query.limit() : "";
  }
}
