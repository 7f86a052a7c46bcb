package org.coordo.server.domain;

import java.time.ZoneId;

/**
 * The node's time: the one default time zone, in which pages show publication dates, agenda months and
 * feed days are cut, and new events are proposed when no zone is given. Events keep their own zone.
 */
public final class NodeTime {
  /** The node's default time zone. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

  private NodeTime() {}
}
