package org.coordo.server.data.publication;

import java.util.List;

/**
 * The keyspaces of collective publishing; the node opens them with every other keyspace. Each key
 * layout is documented in the repository that uses it.
 */
public final class PublicationKeyspaces {
  private PublicationKeyspaces() {}

  /** Publications (drafts, published, tombstones) by collective, kind and id. */
  public static final String OBJECTS = "pub_objects";
  /** Listing index: per collective, kind and listing, time-ordered (events by start time). */
  public static final String INDEX = "pub_index";
  /** Remote replies by id. */
  public static final String REPLIES = "pub_replies";
  /** Replies per publication and state, time-ordered; and the pending queue per collective. */
  public static final String REPLY_INDEX = "pub_reply_index";
  /** Likes and announces received, per publication and actor, and by activity id (for Undo). */
  public static final String REACTIONS = "pub_reactions";
  /** Reaction counters per publication. */
  public static final String COUNTERS = "pub_counters";
  /** Attachment metadata by content hash. */
  public static final String MEDIA = "pub_media";
  /** Blocked remote accounts and domains. */
  public static final String BLOCKS = "pub_blocks";

  /** Members' private calendar links (issue 16): the hash of each secret and each member's current one. */
  public static final String MEMBER_CALENDARS = "pub_member_calendars";

  public static final List<String> ALL =
      List.of(OBJECTS, INDEX, REPLIES, REPLY_INDEX, REACTIONS, COUNTERS, MEDIA, BLOCKS, MEMBER_CALENDARS);
}
