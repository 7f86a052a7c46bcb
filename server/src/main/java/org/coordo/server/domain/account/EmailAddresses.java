package org.coordo.server.domain.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one form of a mail address an account holds, and the one check it passes. An address is kept
 * as typed (stripped, NFC) with its domain in lower case; its index key ({@link #key}) is all lower
 * case, so that {@code Ada@Example.org} and {@code ada@example.org} are one address on a node.
 * Pure functions.
 */
public final class EmailAddresses {
  /** RFC 5321: 64 for the local part, 254 in all (a path of 256 with its angle brackets). */
  public static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL = 64;
  /** dot-atom local part (RFC 5322 atext, no quoted strings): what real people's addresses use. */
  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  /** Host names of two labels or more (letters, digits, hyphens inside; an IDN in its ACE form). */
  private static final Pattern DOMAIN =
      Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

  private EmailAddresses() {}

  /**
   * The address as stored (stripped, NFC, domain in lower case), or empty when it is not a valid
   * address: one {@code @}, a dot-atom local part of at most 64 characters, a host name with a dot,
   * 254 characters in all, no space or control character (so nothing typed can reach a header).
   */
  public static Optional<String> normalize(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String a = Normalizer.normalize(typed.strip(), Normalizer.Form.NFC);
    int at = a.lastIndexOf('@');
    if (a.isEmpty() || a.length() > MAX_LENGTH || at <= 0 || at != a.indexOf('@') || at == a.length() - 1) {
      return Optional.empty();
    }
    String local = a.substring(0, at);
    String domain = a.substring(at + 1).toLowerCase(Locale.ROOT);
    if (local.length() > MAX_LOCAL || !LOCAL.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
      return Optional.empty();
    }
    return Optional.of(local + "@" + domain);
  }

  /** Whether a person typed something meant as an address rather than a username. */
  public static boolean looksLikeAddress(String typed) {
    return typed != null && typed.indexOf('@') >= 0;
  }

  /** The unique-index key of a normalised address (all lower case). */
  public static String key(String address) {
    return address.toLowerCase(Locale.ROOT);
  }
}
