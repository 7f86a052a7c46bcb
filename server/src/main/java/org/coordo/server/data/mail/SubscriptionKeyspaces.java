package org.coordo.server.data.mail;

import java.util.List;

/**
 * The keyspaces of email subscriptions (issue 15; listed in the node's {@code StorageSchema}). Key
 * layouts, {@code ‖} is concatenation, {@code utf8z} is UTF-8 plus a 0x00 separator:
 *
 * <pre>
 * mail_subs           utf8(id)                     → Subscription JSON
 * mail_sub_confirmed  utf8z(scope) ‖ utf8(id)      → ""             confirmed subscribers of a scope, in id order
 * mail_sub_addresses  utf8z(scope) ‖ utf8(email)   → utf8(id)       one subscription per address and scope (pending too)
 * mail_sub_tokens     sha256(confirmation token)   → Token JSON     {id, expires, used}: single use, expiring
 *                     utf8("link-secret")          → 32 bytes       the node's key for manage/unsubscribe links
 * </pre>
 *
 * A subscription and its index entries (and its confirmation token) are written and deleted in one
 * batch. Confirmation tokens are never stored, only their SHA-256.
 */
public final class SubscriptionKeyspaces {
  private SubscriptionKeyspaces() {}

  public static final String SUBSCRIPTIONS = "mail_subs";
  public static final String CONFIRMED = "mail_sub_confirmed";
  public static final String ADDRESSES = "mail_sub_addresses";
  public static final String TOKENS = "mail_sub_tokens";

  public static final List<String> ALL = List.of(SUBSCRIPTIONS, CONFIRMED, ADDRESSES, TOKENS);
}
