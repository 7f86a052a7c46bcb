package org.coordo.server.domain.publication;

import java.util.Optional;

/** FEP-8a8e {@code eventStatus} values, spelled as they are serialised. */
public enum EventStatus {
  Scheduled,
  Cancelled,
  Postponed,
  Rescheduled,
  MovedOnline,
  Tentative;

  public static Optional<EventStatus> parse(String value) {
    for (EventStatus s : values()) {
      if (s.name().equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
