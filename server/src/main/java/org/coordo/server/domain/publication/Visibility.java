package org.coordo.server.domain.publication;

import org.coordo.server.domain.Audience;

/**
 * The one visibility rule of publications: what a reader may see of one. Every read path applies it
 * (the object's id for servers and browsers, its replies, the collections, the feeds, the
 * {@code Join} answer): a published publication is public; a deleted one is gone (its id answers
 * 410, a {@code Tombstone} or a "gone" page); a draft is hidden (404, as if unknown) from everyone
 * but the members of its collective, who preview it on its page.
 *
 * <p>Members-only publications (issue 16, {@link Audience#MEMBERS}) extend this rule, and only this
 * one: published but shown to the members of its collective only, and hidden (404, never 403: its
 * existence is not disclosed) from everyone else, other servers included. Such a publication never
 * leaves the node, so a deleted one is hidden too rather than gone. Mail, feeds and federation send
 * only what {@link #toPublic} shows.
 */
public enum Visibility {
  /** Shown: its page, its ActivityStreams document, in collections and feeds. */
  SHOWN,
  /** Deleted: its id answers 410. */
  GONE,
  /** Not there for this reader: 404, exactly as an unknown id. */
  HIDDEN;

  /** What anyone sees of it: a visitor, a feed reader, another server. */
  public static Visibility toPublic(Publication p) {
    return of(p, false);
  }

  /**
   * What a reader sees of it.
   *
   * @param member whether the reader is a member of the publication's collective
   */
  public static Visibility of(Publication p, boolean member) {
    if (p.isMembersOnly() && !member) {
      return HIDDEN;
    }
    return switch (p.state()) {
      case PUBLISHED -> SHOWN;
      case DELETED -> GONE;
      case DRAFT -> member ? SHOWN : HIDDEN;
    };
  }
}
