package org.coordo.server.domain.account;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one form of a user name that login, the login rate limiter, account creation and every
 * lookup use, so that what a person types and what the node counts are always the same key.
 */
public final class UserNames {
  private UserNames() {}

  /**
   * NFKC (full-width letters, compatibility spaces and ligatures folded), leading and trailing
   * Unicode spaces and invisible format characters removed (U+00A0, U+2003, U+3000, U+200B,
   * U+FEFF, …), lower case. Null stays null. Stored names are valid actor names (lower-case ASCII),
   * which this leaves as they are.
   */
  public static String normalize(String username) {
    if (username == null) {
      return null;
    }
    String n = Normalizer.normalize(username, Normalizer.Form.NFKC);
    int start = 0;
    int end = n.length();
    while (start < end && isBlank(n.charAt(start))) {
      start++;
    }
    while (end > start && isBlank(n.charAt(end - 1))) {
      end--;
    }
    return n.substring(start, end).toLowerCase(Locale.ROOT);
  }

  private static boolean isBlank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
        || Character.isISOControl(c);
  }
}
