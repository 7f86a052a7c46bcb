package org.coordo.server.feeds;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names people know, for feeds: a collective's display name (feed titles) and its members'
 * display names (item authors), instead of their handles. Unknown names stay as they are.
 */
public interface FeedNames {
  /** The collective's display name, or {@code name} itself. */
  Future<String> collective(String name);

  /** Display names of these usernames (absent ones are left out). */
  Future<Map<String, String>> people(Collection<String> usernames);

  /** Names as they are (a node without accounts). */
  FeedNames HANDLES = new FeedNames() {
    @Override
    public Future<String> collective(String name) {
      return Future.succeededFuture(name);
    }

    @Override
    public Future<Map<String, String>> people(Collection<String> usernames) {
      return Future.succeededFuture(Map.of());
    }
  };

  /** The items with their authors' display names. */
  default Future<List<FeedItem>> withAuthors(List<FeedItem> items) {
    Set<String> authors = items.stream().map(FeedItem::authorName).filter(a -> a != null).collect(Collectors.toSet());
    if (authors.isEmpty()) {
      return Future.succeededFuture(items);
    }
    return people(authors).map(names -> items.stream()
        .map(i -> i.authorName() != null && names.containsKey(i.authorName())
            ? i.withAuthorName(names.get(i.authorName())) : i)
        .toList());
  }
}
