package org.coordo.server.domain.publication;

import java.util.Optional;

/** What a collective publishes. Each kind has its URL segment and its ActivityStreams type. */
public enum PublicationKind {
  /** A call (appel): a public appeal. */
  CALL("calls", "Article"),
  /** General-assembly minutes. */
  MINUTES("minutes", "Article"),
  /** An event notice (FEP-8a8e). */
  EVENT("events", "Event");

  private final String segment;
  private final String asType;

  PublicationKind(String segment, String asType) {
    this.segment = segment;
    this.asType = asType;
  }

  /** The URL path segment: {@code calls}, {@code minutes}, {@code events}. */
  public String segment() {
    return segment;
  }

  /** The ActivityStreams object type. */
  public String asType() {
    return asType;
  }

  public static Optional<PublicationKind> fromSegment(String segment) {
    for (PublicationKind kind : values()) {
      if (kind.segment.equals(segment)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
