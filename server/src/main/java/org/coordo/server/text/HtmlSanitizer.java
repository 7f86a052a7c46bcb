package org.coordo.server.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The one HTML sanitiser: everything we store as HTML (our rendered Markdown and every remote
 * reply) goes through it before it is written. Strict allow-list: text formatting, lists, quotes,
 * code, headings and links (http, https, mailto only). No images, scripts, styles, event handlers,
 * iframes, forms or classes. Links get {@code rel="nofollow noopener noreferrer"}. Thread-safe; a
 * CPU-bound call, so callers run it on a worker ({@link TextWork}), never on an event loop.
 */
public final class HtmlSanitizer {
  private static final Safelist SAFELIST =
      Safelist.none()
          .addTags(
              "p", "br", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote",
              "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "a", "span", "sup", "sub")
          .addAttributes("a", "href", "title")
          .addAttributes("ol", "start")
          .addProtocols("a", "href", "http", "https", "mailto")
          .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");

  /** Extra cleaning passes at most (see {@link #sanitize}). */
  private static final int MAX_PASSES = 4;

  private static final Document.OutputSettings OUTPUT =
      new Document.OutputSettings().prettyPrint(false).charset("UTF-8");

  /**
   * Sanitised HTML (possibly empty); null in, empty out. A text past {@link MarkupLimits} is not
   * parsed: its plain text (tags dropped, cut) comes back as one escaped paragraph.
   */
  public String sanitize(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    if (MarkupLimits.htmlTooComplex(html)) {
      String text = MarkupLimits.stripTags(html);
      return text.isBlank() ? "" : "<p>" + PlainText.escapeHtml(text) + "</p>";
    }
    // A cleaned tree can hold what an HTML parser would not build (a link inside a link): its text then parses
    // to another tree. Cleaning again until nothing changes makes stored HTML stable (TextFuzzTest checks it).
    String out = cleanOnce(html);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      String again = cleanOnce(out);
      if (again.equals(out)) {
        break;
      }
      out = again;
    }
    return out;
  }

  private static String cleanOnce(String html) {
    Document clean = new Cleaner(SAFELIST).clean(Jsoup.parseBodyFragment(html, ""));
    clean.outputSettings(OUTPUT);
    keepLeadingNewlines(clean);
    return clean.body().html().trim();
  }

  /**
   * An HTML parser drops the newline right after {@code <pre>}; jsoup does not write one back when the text
   * starts with a newline, so each pass would eat a line. Doubling it makes the output parse to what was kept.
   */
  private static void keepLeadingNewlines(Document clean) {
    for (Element pre : clean.select("pre")) {
      if (pre.childNodeSize() > 0 && pre.childNode(0) instanceof TextNode text && text.getWholeText().startsWith("\n")) {
        pre.prependText("\n");
      }
    }
  }
}
