package org.coordo.server.data.group;

import java.util.List;

/**
 * The keyspaces of working groups (listed in the node's {@code StorageSchema}). Key layouts, {@code ‖}
 * is concatenation, {@code utf8z} is UTF-8 plus a 0x00 separator; ids are time-sortable:
 *
 * <pre>
 * wg_groups     utf8z(collective) ‖ utf8(group)                    → WorkingGroup JSON
 * wg_members    utf8z(collective) ‖ utf8z(group) ‖ utf8(userId)    → GroupMembership JSON   people of a group
 * wg_member_of  utf8z(userId) ‖ utf8z(collective) ‖ utf8(group)    → utf8(standing id)      groups of a person
 * wg_meetings   utf8z(collective) ‖ utf8z(group) ‖ utf8(id)        → Meeting JSON           planning
 * wg_posts      utf8z(collective) ‖ utf8z(group) ‖ utf8(id)        → BoardPost JSON         notice board, oldest first
 * </pre>
 *
 * A membership is written in both directions in one batch.
 */
public final class GroupKeyspaces {
  private GroupKeyspaces() {}

  public static final String GROUPS = "wg_groups";
  public static final String MEMBERS = "wg_members";
  public static final String MEMBER_OF = "wg_member_of";
  public static final String MEETINGS = "wg_meetings";
  public static final String POSTS = "wg_posts";

  public static final List<String> ALL = List.of(GROUPS, MEMBERS, MEMBER_OF, MEETINGS, POSTS);
}
