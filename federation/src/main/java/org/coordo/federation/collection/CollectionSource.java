package org.coordo.federation.collection;

import io.vertx.core.Future;
import org.coordo.storage.Cursor;
import org.coordo.storage.Page;

/**
 * Where the items of an actor's collection (outbox, followers, following, featured) come from.
 * Items are ids ({@code String}) or embedded objects ({@code JsonObject}), newest first; the
 * cursor is the source's own (a storage cursor: the last key returned), opaque to clients.
 */
public interface CollectionSource {

  /** Total number of items. */
  Future<Long> count(String actor);

  /**
   * At most {@code limit} items, newest first, strictly after {@code after} (null: from the
   * newest), and the cursor of the next page if there is one.
   */
  Future<Page<Object>> page(String actor, Cursor after, int limit);

  /** A source with no items (e.g. featured, until the server provides one). */
  static CollectionSource empty() {
    return new CollectionSource() {
      @Override
      public Future<Long> count(String actor) {
        return Future.succeededFuture(0L);
      }

      @Override
      public Future<Page<Object>> page(String actor, Cursor after, int limit) {
        return Future.succeededFuture(new Page<>(java.util.List.of(), java.util.Optional.empty()));
      }
    };
  }
}
