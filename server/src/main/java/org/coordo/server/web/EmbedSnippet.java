package org.coordo.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The two snippets a collective pastes into its own site to show an agenda of this node (see
 * {@link EmbedPages}): an {@code <iframe>} of the embed page, and the {@code <coordo-agenda>} web
 * component with its script, holding a plain link for readers without JavaScript. Both are HTML for
 * the other site, so every text in them is escaped here; the page showing them escapes them again.
 */
public record EmbedSnippet(String iframe, String component) {

  /**
   * @param base the node's public URL, without a trailing slash
   * @param path the embed page's path ({@code /collectives/grenoble/embed}); its JSON is {@code path + ".json"}
   * @param query the filters, already encoded ({@code city=lyon&category=MEETING}), or empty
   * @param fallback the page the plain link leads to
   * @param title what the frame and the link are called
   */
  static EmbedSnippet of(String base, String path, String query, String lang, String fallback, String title) {
    String q = "?" + (query.isEmpty() ? "" : query + "&") + "lang=" + URLEncoder.encode(lang, StandardCharsets.UTF_8);
    String page = escape(base + path + q);
    String json = escape(base + path + ".json" + q);
    String iframe = "<iframe src=\"" + page + "\" title=\"" + escape(title)
        + "\" width=\"100%\" height=\"480\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>";
    String component = "<script src=\"" + escape(base) + "/static/coordo-agenda.js\" defer></script>\n"
        + "<coordo-agenda src=\"" + json + "\"><a href=\"" + escape(base + fallback) + "\">" + escape(title)
        + "</a></coordo-agenda>";
    return new EmbedSnippet(iframe, component);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
