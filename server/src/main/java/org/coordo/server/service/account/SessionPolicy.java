package org.coordo.server.service.account;

import java.time.Duration;

/**
 * How long sessions live.
 *
 * @param idleTimeout a session unused for this long is refused
 * @param absoluteLifetime a session is refused this long after login, however active
 * @param touchEvery how stale {@code lastSeen} may get before a request rewrites it
 */
public record SessionPolicy(Duration idleTimeout, Duration absoluteLifetime, Duration touchEvery) {

  /** 7 days idle, 30 days at most, last-seen refreshed every 5 minutes. */
  public static final SessionPolicy DEFAULT =
      new SessionPolicy(Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(5));
}
