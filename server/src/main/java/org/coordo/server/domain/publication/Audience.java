package org.coordo.server.domain.publication;

import java.util.Locale;
import java.util.Optional;

/**
 * Who a publication is written for (issue 16): everyone, or the members of its collective only. A
 * members-only publication never leaves the node; {@link Visibility} is the one rule that hides it.
 * Its wire form ({@link #wire()}) is what the JSON API and the forms read and write.
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
}
