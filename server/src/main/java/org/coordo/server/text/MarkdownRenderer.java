package org.coordo.server.text;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown (CommonMark) to sanitised HTML. Raw HTML in the source is escaped by the renderer, link
 * URLs are sanitised, and the result still goes through {@link HtmlSanitizer}: two fences, so a
 * parser quirk alone cannot let a script through. Thread-safe.
 */
public final class MarkdownRenderer {
  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).softbreak("<br>").build();
  private final HtmlSanitizer sanitizer;

  public MarkdownRenderer(HtmlSanitizer sanitizer) {
    this.sanitizer = sanitizer;
  }

  /** The sanitised HTML of a Markdown text (empty for a null or blank one). */
  public String toHtml(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    return sanitizer.sanitize(renderer.render(parser.parse(markdown)));
  }
}
