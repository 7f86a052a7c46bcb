package org.coordo.server.text;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.coordo.server.error.NodeError;

/**
 * Markdown (CommonMark) to sanitised HTML. Raw HTML in the source is escaped by the renderer, link
 * URLs are sanitised, and the result still goes through {@link HtmlSanitizer}: two fences, so a
 * parser quirk alone cannot let a script through. Nesting is bounded first ({@link MarkupLimits}).
 * Thread-safe; CPU-bound, so callers run it on a worker ({@link TextWork}).
 */
public final class MarkdownRenderer {
  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).softbreak("<br>").build();
  private final HtmlSanitizer sanitizer;

  public MarkdownRenderer(HtmlSanitizer sanitizer) {
    this.sanitizer = sanitizer;
  }

  /**
   * The sanitised HTML of a Markdown text (empty for a null or blank one).
   *
   * @throws NodeError (422) for a text nested past {@link MarkupLimits#MAX_DEPTH}, or one the
   *     parser or renderer could not walk (a recursion too deep for the stack)
   */
  public String toHtml(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    if (MarkupLimits.markdownTooDeep(markdown)) {
      throw NodeError.tooComplex(MarkupLimits.TOO_DEEP);
    }
    try {
      return sanitizer.sanitize(renderer.render(parser.parse(markdown)));
    } catch (StackOverflowError e) {
      throw NodeError.tooComplex(MarkupLimits.TOO_DEEP);
    }
  }
}
