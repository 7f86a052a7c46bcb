package org.coordo.server.feeds;

/** Names shared by the feed writers. */
final class FeedTerms {
  /** The category scheme (RSS {@code domain}, Atom {@code scheme}) that marks an item's city. */
  static final String CITY_SCHEME = "https://coordo.org/ns#city";
  /** The category scheme of an item's own categories. */
  static final String CATEGORY_SCHEME = "https://coordo.org/ns#category";

  private FeedTerms() {}
}
