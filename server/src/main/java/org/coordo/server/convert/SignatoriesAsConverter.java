package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.coordo.federation.vocab.CollectionQuery;
import org.coordo.federation.vocab.OrderedCollections;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.storage.Cursor;
import org.coordo.storage.Keys;

/**
 * A call's signatories in ActivityStreams (docs/FEDIVERSE-MAPPING.md, "Co-signed calls"): the
 * {@code signatories} {@code OrderedCollection} on the call's node, in signing order, fediverse
 * signatories as {@code Group} objects with their id, plain-text ones as {@code Organization}
 * objects without id; inline in the call's object, and paged when read by itself.
 */
public final class SignatoriesAsConverter {
  private SignatoriesAsConverter() {}

  /** One item of the collection. */
  public static JsonObject item(Signatory s) {
    JsonObject o = new JsonObject();
    if (s.isFederated()) {
      o.put("id", s.actor()).put("type", "Group").put("name", s.name());
      if (s.handle() != null && s.handle().contains("@")) {
        o.put("preferredUsername", s.handle().substring(0, s.handle().indexOf('@')));
      }
      o.put("url", s.url() == null ? s.actor() : s.url());
    } else {
      o.put("type", "Organization").put("name", s.name());
      if (s.url() != null) {
        o.put("url", s.url());
      }
    }
    return o;
  }

  /** The whole collection, embedded in the call's object (no {@code @context}). */
  public static JsonObject inline(CallSignatories s) {
    JsonArray items = new JsonArray();
    s.signatories().forEach(x -> items.add(item(x)));
    return new JsonObject().put("id", s.collection()).put("type", "OrderedCollection")
        .put("totalItems", s.signatories().size()).put("orderedItems", items);
  }

  /** The call's object with its signatories embedded (replacing the bare collection id). */
  public static JsonObject withSignatories(JsonObject callObject, CallSignatories s) {
    return callObject.put("signatories", inline(s));
  }

  /**
   * The collection document (no query) or one of its pages, oldest signature first; the cursor is
   * the position of the next item.
   */
  public static JsonObject collection(CallSignatories s, CollectionQuery query) {
    String id = s.collection();
    List<Signatory> all = s.signatories();
    String suffix = query.limitGiven() ? "&limit=" + query.limit() : "";
    JsonObject doc;
    if (!query.page()) {
      doc = OrderedCollections.collection(id, all.size(), id + "?page=true" + suffix);
    } else {
      int from = query.cursor() == null || query.cursor().lastKey().length != 4 ? 0
          : Math.max(0, Keys.readInt(query.cursor().lastKey(), 0));
      int to = Math.min(all.size(), from + query.limit());
      List<Object> items = new ArrayList<>();
      for (int i = Math.min(from, to); i < to; i++) {
        items.add(item(all.get(i)));
      }
      String pageId = query.cursor() == null ? id + "?page=true" + suffix
          : id + "?cursor=" + query.cursor().encode() + suffix;
      String next = to < all.size() ? id + "?cursor=" + new Cursor(Keys.intBE(to)).encode() + suffix : null;
      doc = OrderedCollections.page(id, pageId, items, next);
    }
    doc.put("@context", AsContext.publication());
    return doc;
  }
}
