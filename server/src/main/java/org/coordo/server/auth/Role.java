package org.coordo.server.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do. {@link #ADMIN} is node-wide (held by the account, not by a membership);
 * {@link #EDITOR} and {@link #MEMBER} are held per collective.
 *
 * <ul>
 *   <li>{@code admin}: runs the node: creates collectives, manages every membership, can do what an
 *       editor can in every collective.
 *   <li>{@code editor}: publishes for a collective (calls, minutes, events), moderates its comments,
 *       invites people.
 *   <li>{@code member}: reads the members' space of a collective and can write drafts.
 * </ul>
 */
public enum Role {
  ADMIN,
  EDITOR,
  MEMBER;

  /** As written in the API, the CLI and storage: {@code admin}, {@code editor}, {@code member}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code admin|editor|member} (case-insensitive); empty for anything else. */
  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Role r : values()) {
      if (r.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Whether this role may be held inside one collective (editor, member). */
  public boolean isCollectiveRole() {
    return this != ADMIN;
  }
}
