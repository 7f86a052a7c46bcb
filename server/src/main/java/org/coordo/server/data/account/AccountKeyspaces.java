package org.coordo.server.data.account;

import java.util.List;

/**
 * The keyspaces of accounts, collectives, memberships and credentials (listed in the node's {@code
 * StorageSchema}). Key layouts, {@code ‖} is concatenation, {@code utf8z} is UTF-8 plus a 0x00
 * separator, {@code sha256(token)} the 32-byte digest of a secret token (tokens are never stored):
 *
 * <pre>
 * acct_users             utf8(userId)                         → User JSON
 * acct_usernames         utf8(username)                       → utf8(userId)          unique index
 * acct_collectives       utf8(name)                           → Collective JSON
 * acct_members           utf8z(collective) ‖ utf8(userId)     → Membership JSON       members of a collective
 * acct_member_of         utf8z(userId) ‖ utf8(collective)     → utf8(role id)         roles of a user
 * acct_sessions          sha256(token)                        → Session JSON
 * acct_tokens            sha256(token)                        → ApiToken JSON
 * acct_user_credentials  utf8z(userId) ‖ kind ‖ sha256(token) → utf8(token id) or "" kind: 's' session, 't' API token
 * acct_invitations       sha256(token)                        → Invitation JSON
 * acct_emails            utf8(lower-case address)             → utf8(userId)          unique index (mail for members)
 * acct_mail_tokens       sha256(token)                        → MailToken JSON        reset / confirmation links
 * acct_notices           utf8(userId)                         → NoticeThrottle JSON   editors' notices: last sent, what waits
 * </pre>
 *
 * Every change that touches more than one key (a user and its username, a membership in both
 * directions, a session and its per-user index) is written in one batch.
 */
public final class AccountKeyspaces {
  private AccountKeyspaces() {}

  public static final String USERS = "acct_users";
  public static final String USERNAMES = "acct_usernames";
  public static final String COLLECTIVES = "acct_collectives";
  public static final String MEMBERS = "acct_members";
  public static final String MEMBER_OF = "acct_member_of";
  public static final String SESSIONS = "acct_sessions";
  public static final String TOKENS = "acct_tokens";
  public static final String USER_CREDENTIALS = "acct_user_credentials";
  public static final String INVITATIONS = "acct_invitations";
  // Mail for members (issue 15, helper "mail-members").
  public static final String EMAILS = "acct_emails";
  public static final String MAIL_TOKENS = "acct_mail_tokens";
  public static final String NOTICES = "acct_notices";

  public static final List<String> ALL = List.of(USERS, USERNAMES, COLLECTIVES, MEMBERS, MEMBER_OF, SESSIONS, TOKENS,
      USER_CREDENTIALS, INVITATIONS, EMAILS, MAIL_TOKENS, NOTICES);
}
