package org.coordo.server.domain.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A login session. The browser holds a random token; the node stores only its SHA-256.
 *
 * @param lastSeen last time the session was used (refreshed at most every few minutes)
 * @param expires absolute end, whatever the activity
 */
public record Session(String userId, Instant created, Instant lastSeen, Instant expires) {

  public Session {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(expires, "expires");
  }

  /** Whether the session is still valid at {@code now} given the idle timeout. */
  public boolean isValidAt(Instant now, Duration idleTimeout) {
    return now.isBefore(expires) && now.isBefore(lastSeen.plus(idleTimeout));
  }

  public Session seenAt(Instant now) {
    return new Session(userId, created, now, expires);
  }
}
