package org.coordo.server.data.coordination;

import java.util.List;

/**
 * Keyspaces of the national coordination's membership (issue 17). Layouts:
 *
 * <pre>
 * coord_requests  utf8(actorId)      → MembershipRequest JSON   (national node: Joins received)
 * coord_joins     utf8(collective)   → JoinRequest JSON         (city node: the Join each collective sent)
 * </pre>
 */
public final class CoordinationKeyspaces {
  public static final String REQUESTS = "coord_requests";
  public static final String JOINS = "coord_joins";

  public static final List<String> ALL = List.of(REQUESTS, JOINS);

  private CoordinationKeyspaces() {}
}
