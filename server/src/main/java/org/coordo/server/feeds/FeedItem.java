package org.coordo.server.feeds;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of an RSS or Atom feed, independent of what it was made from.
 *
 * @param id the object's id (its ActivityPub URI): the stable RSS {@code guid} and Atom {@code id}
 * @param url the page a person opens, or null (then the id is the link)
 * @param title plain text
 * @param summary plain text, or null
 * @param contentHtml HTML that is already sanitised, or null
 * @param published first publication
 * @param updated last change, or null when never changed
 * @param authorName who wrote it, or null
 * @param categories plain-text terms (may be empty)
 * @param city the collective (city) it comes from, or null
 */
public record FeedItem(
    URI id,
    URI url,
    String title,
    String summary,
    String contentHtml,
    Instant published,
    Instant updated,
    String authorName,
    List<String> categories,
    String city) {

  public FeedItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(published, "published");
    categories = categories == null ? List.of() : List.copyOf(categories);
  }

  /** The same item signed with another name (a display name instead of a handle). */
  public FeedItem withAuthorName(String name) {
    return new FeedItem(id, url, title, summary, contentHtml, published, updated, name, categories, city);
  }

  /** The link a person follows: the URL, else the id. */
  public URI link() {
    return url != null ? url : id;
  }

  /** The last change: {@code updated}, else {@code published}. */
  public Instant lastChange() {
    return updated != null && updated.isAfter(published) ? updated : published;
  }
}
