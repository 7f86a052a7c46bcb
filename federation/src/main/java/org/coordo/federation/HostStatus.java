package org.coordo.federation;

import java.time.Duration;
import java.time.Instant;

/**
 * A remote host deliveries have failed to since their last success (see {@link DeliveryStats}).
 *
 * @param failures consecutive failures
 * @param lastError the last failure's reason, for the admin page
 */
public record HostStatus(String host, int failures, Instant firstFailureAt, Instant lastFailureAt, String lastError) {

  /** Whether it has failed without a success for longer than {@code unavailableAfter}. */
  public boolean unavailableAt(Instant now, Duration unavailableAfter) {
    return Duration.between(firstFailureAt, now).compareTo(unavailableAfter) > 0;
  }
}
