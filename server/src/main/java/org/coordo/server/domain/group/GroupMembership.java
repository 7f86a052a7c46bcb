package org.coordo.server.domain.group;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A person's place in one working group: pilot, member, or a pending request to join.
 *
 * @param username denormalised for listings (usernames never change)
 */
public record GroupMembership(
    String collective, String group, String userId, String username, Standing standing, Instant since) {

  /** Where a person stands in a group. */
  public enum Standing {
    /** Coordinates the group: accepts and removes members, names pilots, schedules, posts. */
    PILOT,
    /** Takes part: sees the planning and the board. */
    MEMBER,
    /** Asked to join a group by request; sees nothing inside yet. */
    REQUESTED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Standing> parse(String text) {
      for (Standing s : values()) {
        if (s.id().equals(text)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }

    /** Pilots and members are in; a request is not. */
    public boolean isIn() {
      return this != REQUESTED;
    }
  }

  public GroupMembership {
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(standing, "standing");
    Objects.requireNonNull(since, "since");
  }

  public GroupMembership as(Standing newStanding, Instant at) {
    return new GroupMembership(collective, group, userId, username, newStanding,
        standing == Standing.REQUESTED ? at : since);
  }
}
