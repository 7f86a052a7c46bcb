package org.coordo.server.domain.toolbox;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may see a toolbox document. A members-only document is shown to the members of its collective
 * only: to anyone else every one of its URLs answers 404, exactly as an unknown id (its existence is
 * not disclosed), and it never appears in a public page or a feed. Nothing of the toolbox is federated.
 */
public enum Audience {
  PUBLIC,
  MEMBERS;

  /** As written in forms, the API and storage: {@code public}, {@code members}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Audience> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Audience a : values()) {
      if (a.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Whether a reader sees it; {@code member}: the reader is a member of the document's collective. */
  public boolean visibleTo(boolean member) {
    return this == PUBLIC || member;
  }
}
