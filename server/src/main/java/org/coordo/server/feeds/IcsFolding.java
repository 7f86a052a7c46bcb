package org.coordo.server.feeds;

/**
 * RFC 5545 §3.1 line folding by octets. ical4j folds at 75 <em>characters</em>, so a line of
 * accented French text can exceed the 75-octet limit; this unfolds ical4j's output and folds it
 * again so that every physical line is at most 75 UTF-8 octets (CRLF excluded), continuation lines
 * start with one space, and no character (nor a surrogate pair) is ever split.
 */
final class IcsFolding {
  static final int MAX_OCTETS = 75;

  private IcsFolding() {}

  /** The same content lines, folded by octets, each ended by CRLF. */
  static String refold(String folded) {
    StringBuilder out = new StringBuilder(folded.length() + folded.length() / 64 * 3 + 16);
    refold(folded, out);
    return out.toString();
  }

  /**
   * {@link #refold(String)} appended to {@code out}. Text given in pieces that each end with a line
   * (CRLF) gives the same result as the whole text at once.
   */
  static void refold(String folded, StringBuilder out) {
    String unfolded = folded.replace("\r\n ", "").replace("\r\n\t", "");
    for (String line : unfolded.split("\r\n")) {
      if (!line.isEmpty()) {
        fold(line, out);
      }
    }
  }

  private static void fold(String line, StringBuilder out) {
    int octets = 0;
    int i = 0;
    while (i < line.length()) {
      int cp = line.codePointAt(i);
      int size = utf8Length(cp);
      if (octets + size > MAX_OCTETS) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
  }

  private static int utf8Length(int cp) {
    if (cp < 0x80) {
      return 1;
    }
    if (cp < 0x800) {
      return 2;
    }
    if (cp < 0x10000) {
      return 3; // a lone surrogate (IcsText drops them) would be encoded as "?": counting 3 is only safer
    }
    return 4;
  }
}
