package org.coordo.server.domain.account;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the node remembers of the notices it sends one editor (at most one an hour): when the last
 * one left, and what came to wait since, per collective, to be told in the next one.
 *
 * @param lastSent when the last notice was sent, or null (never)
 * @param waiting per collective name, what waits and was not told yet
 */
public record NoticeThrottle(Instant lastSent, Map<String, Waiting> waiting) {

  /**
   * What came to wait since the last notice: replies in moderation, follow requests, invitations to co-sign a call
   * (issue 17), requests of cities to join the national coordination (its group's editors).
   */
  public record Waiting(int replies, int follows, int invitations, int joins) {
    public static final Waiting REPLY = new Waiting(1, 0, 0, 0);
    public static final Waiting FOLLOW = new Waiting(0, 1, 0, 0);
    public static final Waiting INVITATION = new Waiting(0, 0, 1, 0);
    public static final Waiting JOIN = new Waiting(0, 0, 0, 1);

    public Waiting plus(Waiting other) {
      return new Waiting(replies + other.replies, follows + other.follows, invitations + other.invitations,
          joins + other.joins);
    }

    public boolean isEmpty() {
      return replies <= 0 && follows <= 0 && invitations <= 0 && joins <= 0;
    }
  }

  public NoticeThrottle {
    waiting = Map.copyOf(waiting == null ? Map.of() : waiting);
  }

  public static final NoticeThrottle NEVER = new NoticeThrottle(null, Map.of());

  /** This record with {@code more} waiting in {@code collective}. */
  public NoticeThrottle adding(String collective, Waiting more) {
    Map<String, Waiting> next = new TreeMap<>(waiting);
    next.merge(collective, more, Waiting::plus);
    return new NoticeThrottle(lastSent, next);
  }

  /** Whether a notice may leave at {@code now} ({@code every} after the last one). */
  public boolean mayNotifyAt(Instant now, java.time.Duration every) {
    return lastSent == null || !now.isBefore(lastSent.plus(every));
  }

  /** After a notice left at {@code at}: nothing waits untold. */
  public NoticeThrottle sentAt(Instant at) {
    return new NoticeThrottle(at, Map.of());
  }
}
