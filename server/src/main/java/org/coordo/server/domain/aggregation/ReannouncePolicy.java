package org.coordo.server.domain.aggregation;

import java.util.Locale;
import java.util.Optional;

/** Which received publications the national group boosts to its own followers. */
public enum ReannouncePolicy {
  /** Everything: calls, minutes and events. */
  ALL,
  /** Events and calls, not minutes. */
  EVENTS_AND_CALLS,
  /** Only what an editor picks. */
  PICKED;

  /** As written in the configuration: {@code all}, {@code events-and-calls}, {@code picked}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<ReannouncePolicy> parse(String value) {
    for (ReannouncePolicy p : values()) {
      if (p.id().equals(value)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether an item of that kind is boosted without being picked. */
  public boolean automatic(AggregatedKind kind) {
    return switch (this) {
      case ALL -> true;
      case EVENTS_AND_CALLS -> kind != AggregatedKind.MINUTES;
      case PICKED -> false;
    };
  }
}
