package org.coordo.server.feeds;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What a feed says about itself (RSS {@code channel}, Atom {@code feed}).
 *
 * @param title plain text ("Coordo Grenoble : appels")
 * @param subtitle plain text, or null
 * @param selfUrl where this very feed is served (RSS {@code atom:link rel=self}, Atom {@code id} and self link)
 * @param htmlUrl the page the feed mirrors, or null
 * @param language BCP 47 tag ({@code fr}), or null
 * @param updated the newest change among the items (or when the feed was built when it is empty)
 */
public record FeedMeta(String title, String subtitle, URI selfUrl, URI htmlUrl, String language, Instant updated) {
  public FeedMeta {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(selfUrl, "selfUrl");
    Objects.requireNonNull(updated, "updated");
  }
}
