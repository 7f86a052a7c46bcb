package org.coordo.server.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Header text the node writes itself ({@code Subject}, the display name of {@code From}): printable ASCII
 * that fits a line is kept as it is, anything else becomes RFC 2047 encoded words ({@code =?UTF-8?B?…?=}),
 * each at most 75 characters and cut between characters (never inside one), folded onto continuation
 * lines. Decoders join adjacent encoded words without the folding space, so long text reads back whole
 * (the Vert.x Mail Client's own folding can cut a word in two; see {@link MailMessages}).
 */
final class HeaderText {
  private HeaderText() {}

  private static final int MAX_PLAIN = 60;
  private static final int MAX_BYTES_PER_WORD = 45; // 60 base64 characters + 12 for =?UTF-8?B??= = 72 <= 75

  /** The text as it goes into a header value (checked {@link MailAddresses#headerSafe} first). */
  static String encode(String text) {
    if (plain(text)) {
      return text;
    }
    List<String> words = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      int len = ch.getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > MAX_BYTES_PER_WORD) {
        words.add(word(chunk.toString()));
        chunk.setLength(0);
        bytes = 0;
      }
      chunk.append(ch);
      bytes += len;
      i += Character.charCount(cp);
    }
    if (chunk.length() > 0) {
      words.add(word(chunk.toString()));
    }
    return String.join("\r\n ", words);
  }

  /** A display name and an address: {@code "Name" <address>}, or encoded words for a name that needs them. */
  static String mailbox(String name, String address) {
    if (name == null || name.isBlank()) {
      return address;
    }
    String clean = name.replace("\"", "").replace("\\", "").strip();
    if (clean.isEmpty()) {
      return address;
    }
    return (plain(clean) ? "\"" + clean + "\"" : encode(clean)) + " <" + address + ">";
  }

  private static boolean plain(String text) {
    return text.length() <= MAX_PLAIN && text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !text.contains("=?");
  }

  private static String word(String text) {
    return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
  }
}
