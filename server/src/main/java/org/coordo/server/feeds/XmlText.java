package org.coordo.server.feeds;

/**
 * Makes text safe to put in an XML 1.0 document: characters XML forbids (C0 controls other than tab,
 * line feed and carriage return, unpaired surrogates, U+FFFE and U+FFFF) are dropped. Escaping of
 * {@code <}, {@code &} and quotes is the XML writer's job, not this one's.
 */
final class XmlText {
  private XmlText() {}

  /** The text without the characters XML 1.0 forbids; null stays null. */
  static String clean(String text) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    int i = 0;
    while (i < n && allowed(text, i)) {
      i += Character.isHighSurrogate(text.charAt(i)) ? 2 : 1;
    }
    if (i >= n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n);
    out.append(text, 0, i);
    while (i < n) {
      char c = text.charAt(i);
      if (allowed(text, i)) {
        if (Character.isHighSurrogate(c)) {
          out.append(c).append(text.charAt(i + 1));
          i += 2;
          continue;
        }
        out.append(c);
      }
      i++;
    }
    return out.toString();
  }

  private static boolean allowed(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return false;
    }
    return c != 0xFFFE && c != 0xFFFF;
  }
}
