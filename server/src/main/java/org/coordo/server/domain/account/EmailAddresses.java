package org.coordo.server.domain.account;

import java.util.Locale;

/**
 * How the accounts' address index compares mail addresses. What makes an address valid, and the
 * form it is stored in, is the mail system's one check ({@code mail/MailAddresses}, applied by
 * {@code AccountRules.checkEmail}); here only the unique-index key ({@link #key}: all lower case, so
 * that {@code Ada@Example.org} and {@code ada@example.org} are one address on a node) and what tells
 * an address from a username. Pure functions.
 */
public final class EmailAddresses {
  private EmailAddresses() {}

  /** Whether a person typed something meant as an address rather than a username. */
  public static boolean looksLikeAddress(String typed) {
    return typed != null && typed.indexOf('@') >= 0;
  }

  /** The unique-index key of a normalised address (all lower case). */
  public static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
