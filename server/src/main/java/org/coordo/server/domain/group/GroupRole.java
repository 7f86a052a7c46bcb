package org.coordo.server.domain.group;

/**
 * What a route about working groups needs, from the weakest to the strongest, checked in one place
 * ({@code service/group/GroupAccess}). Someone who is not a member of the collective is a stranger
 * to all of it: internal routes answer 404, never disclosing that a group exists; a member of the
 * collective who lacks the role gets 403 naming it.
 */
public enum GroupRole {
  /** A member (any role) of the collective, or a node admin: sees the list of groups, joins or asks to join. */
  COLLECTIVE_MEMBER,
  /** A member or pilot of the group: sees its planning, its board and its members. */
  GROUP_MEMBER,
  /** A pilot of the group: accepts, removes, names pilots, schedules, posts, changes its settings. */
  GROUP_PILOT,
  /** An editor of the collective or a node admin: creates groups, names their first pilots, makes one public. */
  COLLECTIVE_EDITOR
}
