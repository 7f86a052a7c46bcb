package org.coordo.server.domain.aggregation;

import java.util.Optional;

/** What a received publication is: a call, AG minutes or an event notice. */
public enum AggregatedKind {
  CALL("call"),
  MINUTES("minutes"),
  EVENT("event");

  private final String id;

  AggregatedKind(String id) {
    this.id = id;
  }

  /** As written in keys and in the API: {@code call}, {@code minutes}, {@code event}. */
  public String id() {
    return id;
  }

  public static Optional<AggregatedKind> parse(String value) {
    for (AggregatedKind k : values()) {
      if (k.id.equals(value)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
