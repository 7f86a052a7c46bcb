package org.coordo.server.domain;

import org.coordo.server.domain.publication.Visibility;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may read something a collective keeps (a publication, a toolbox document): everyone, or the
 * collective's members only (issue 16). The one rule that applies it to publications is
 * {@code publication/Visibility}; members-only content answers 404 to anyone else.
 */
public enum Audience {
  /** Everyone: its page, feeds, collections, federation. The default, and what older records hold. */
  PUBLIC,
  /** The members of its collective only: never federated, 404 to anyone else. */
  MEMBERS;

  /** {@code "public"} or {@code "members"}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The audience named {@code "public"} or {@code "members"}; empty for anything else. */
  public static Optional<Audience> parse(String wire) {
    if (wire == null) {
      return Optional.empty();
    }
    for (Audience a : values()) {
      if (a.wire().equals(wire)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Whether a reader sees it; {@code member}: the reader is a member of its collective. */
  public boolean visibleTo(boolean member) {
    return this == PUBLIC || member;
  }
}
