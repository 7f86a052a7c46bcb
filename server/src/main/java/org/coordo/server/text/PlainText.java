package org.coordo.server.text;

import org.jsoup.Jsoup;

/** Plain text from HTML, and short excerpts for summaries (Mastodon shows only plain text). */
public final class PlainText {
  private PlainText() {}

  /**
   * The text of an HTML fragment: tags dropped, entities decoded, one line per block, runs of
   * spaces collapsed. A text past {@link MarkupLimits} is not parsed, only stripped of its tags.
   */
  public static String fromHtml(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    if (MarkupLimits.htmlTooComplex(html)) {
      return MarkupLimits.stripTags(html);
    }
    var doc = Jsoup.parseBodyFragment(html);
    doc.select("br").after("\n");
    doc.select("p, li, h1, h2, h3, h4, h5, h6, blockquote, pre").after("\n");
    StringBuilder out = new StringBuilder();
    for (String line : doc.wholeText().split("\n")) {
      String clean = line.replaceAll("[\\s\\u00A0]+", " ").trim();
      if (!clean.isEmpty()) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(clean);
      }
    }
    return out.toString();
  }

  /** The first non-empty lines of a text, joined by spaces, cut at a word under {@code maxChars}. */
  public static String excerpt(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    String joined = text.replaceAll("\\s+", " ").trim();
    if (joined.length() <= maxChars) {
      return joined;
    }
    int cut = joined.lastIndexOf(' ', maxChars - 1);
    if (cut < maxChars / 2) {
      cut = maxChars - 1;
      if (cut > 0 && Character.isHighSurrogate(joined.charAt(cut - 1))) {
        cut--; // never half an emoji
      }
    }
    return joined.substring(0, cut).trim() + "…";
  }

  /** The first line of a text (trimmed), or empty. */
  public static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        return line.trim();
      }
    }
    return "";
  }

  /** Escapes text for HTML element content and attribute values. */
  public static String escapeHtml(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
