package org.coordo.server.feeds;

/**
 * Makes text fit an iCalendar TEXT value before ical4j escapes it: line breaks become {@code \n}
 * (ical4j writes them as the two characters {@code \n}); other control characters, which RFC 5545
 * does not allow in TEXT, and unpaired surrogates are dropped (tab stays).
 */
final class IcsText {
  private IcsText() {}

  static String clean(String text) {
    if (text == null) {
      return null;
    }
    String unified = XmlText.clean(text.replace("\r\n", "\n").replace('\r', '\n'));
    StringBuilder out = new StringBuilder(unified.length());
    for (int i = 0; i < unified.length(); i++) {
      char c = unified.charAt(i);
      if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
