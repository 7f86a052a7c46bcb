package org.coordo.server.domain.group;

import java.time.Instant;
import java.util.Objects;

/**
 * A working group inside a collective: a name, a purpose, pilots and members (see {@link
 * GroupMembership}), a planning of meetings and a notice board. Internal by default; once made
 * public it has a public page and its own {@code Group} actor ({@link #actorName}), and stays public.
 *
 * @param name the slug, unique inside its collective ({@link GroupRules#NAME}); never changes
 * @param purpose Markdown source as typed
 * @param purposeHtml the sanitised HTML rendering of {@code purpose}
 * @param actorName the local actor of a public group, null while internal
 */
public record WorkingGroup(
    String collective,
    String name,
    String displayName,
    String purpose,
    String purposeHtml,
    JoinPolicy joinPolicy,
    String actorName,
    Instant created) {

  /** How a member of the collective gets in. */
  public enum JoinPolicy {
    /** A member of the collective joins at once. */
    OPEN,
    /** A member asks; a pilot accepts or declines. */
    BY_REQUEST;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static java.util.Optional<JoinPolicy> parse(String text) {
      for (JoinPolicy p : values()) {
        if (p.id().equals(text)) {
          return java.util.Optional.of(p);
        }
      }
      return java.util.Optional.empty();
    }
  }

  public WorkingGroup {
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(joinPolicy, "joinPolicy");
    Objects.requireNonNull(created, "created");
    displayName = displayName == null || displayName.isBlank() ? name : displayName;
    purpose = purpose == null ? "" : purpose;
    purposeHtml = purposeHtml == null ? "" : purposeHtml;
  }

  /** Whether the group has a public page and a followable actor. */
  public boolean isPublic() {
    return actorName != null;
  }

  public WorkingGroup with(String newDisplayName, String newPurpose, String newPurposeHtml, JoinPolicy newPolicy) {
    return new WorkingGroup(collective, name, newDisplayName, newPurpose, newPurposeHtml, newPolicy, actorName, created);
  }

  public WorkingGroup madePublic(String actor) {
    return new WorkingGroup(collective, name, displayName, purpose, purposeHtml, joinPolicy, actor, created);
  }
}
