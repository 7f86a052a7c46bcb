package org.coordo.federation;

import java.util.List;

/**
 * The storage keyspaces (column families) the protocol layer owns. The node opens them together
 * with its own. Each key layout is documented in the repository class that uses it.
 */
public final class FederationKeyspaces {
  private FederationKeyspaces() {}

  /** Local actors by name. */
  public static final String ACTORS = "fed_actors";
  /** Remote actors (documents and keys) by actor id. */
  public static final String REMOTE_ACTORS = "fed_remote_actors";
  /** Follow relations, both directions, with their state. */
  public static final String FOLLOWS = "fed_follows";
  /** Activities published by local actors, by id. */
  public static final String ACTIVITIES = "fed_activities";
  /** Per-actor outbox index: time-ordered activity ids. */
  public static final String OUTBOX = "fed_outbox";
  /** Inbound activity ids already processed (idempotence), and remembered deletes. */
  public static final String INBOX_SEEN = "fed_inbox_seen";
  /** Inbound activities kept for listeners and moderators (e.g. Flag). */
  public static final String INBOX_LOG = "fed_inbox_log";
  /** Delivery jobs (durable queue). */
  public static final String DELIVERY = "fed_delivery";
  /** Delivery job ids → their current due time (the durable queue's index). */
  public static final String DELIVERY_IDS = "fed_delivery_ids";
  /** Per-host delivery health (failures, unavailable since). */
  public static final String HOSTS = "fed_hosts";
  /** Per-host profiles: the signature scheme that works there, the software it runs (NodeInfo). */
  public static final String HOST_PROFILES = "fed_host_profiles";

  public static final List<String> ALL =
      List.of(ACTORS, REMOTE_ACTORS, FOLLOWS, ACTIVITIES, OUTBOX, INBOX_SEEN, INBOX_LOG, DELIVERY, DELIVERY_IDS, HOSTS,
          HOST_PROFILES);
}
