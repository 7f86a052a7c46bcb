package org.coordo.server.web;

import java.util.List;
import org.coordo.server.domain.aggregation.FollowedCity;

/**
 * A page of a national archive: the calls, the minutes, the coming or the past events of every city
 * (or one), events optionally of one category, {@value #PAGE} a page, newest first (coming events
 * soonest first), with the link to the next page.
 *
 * @param kind {@code calls}, {@code minutes} or {@code events}
 * @param past for events, whether these are past ones
 */
public record NationalArchive(String kind, boolean past, NationalQuery query, List<FollowedCity> cities,
    List<NationalEntry> items, String nextCursor) {
  static final int PAGE = 20;

  public String path() {
    return "/national/" + kind;
  }

  public boolean events() {
    return "events".equals(kind);
  }

  public String city() {
    return query.city() == null ? "" : query.city();
  }

  /** The category filter: events only (calls and minutes have none). */
  public String category() {
    return !events() || query.category() == null ? "" : query.category();
  }

  /** The title's message key: {@code national.archive.calls|minutes|upcoming|past}. */
  public String titleKey() {
    return "national.archive." + (events() ? past ? "past" : "upcoming" : kind);
  }

  public String next() {
    return nextCursor == null ? null : query.link(path(), "when", past ? "past" : null, "cursor", nextCursor);
  }

  /** The coming or past events with the same filters. */
  public String eventsLink(boolean pastOnes) {
    return query.link("/national/events", "when", pastOnes ? "past" : null);
  }

  public String withoutCategory() {
    return new NationalQuery(query.city(), null, query.week(), false, null).link(path(), "when", past ? "past" : null);
  }

  public String front() {
    return query.link("/");
  }

  public String rss() {
    return query.link("/national/feed.rss");
  }
}
