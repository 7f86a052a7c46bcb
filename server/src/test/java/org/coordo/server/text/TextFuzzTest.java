package org.coordo.server.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the text we store and show: the {@link HtmlSanitizer} (every remote reply goes through
 * it), the {@link MarkdownRenderer} (what members write) and {@link PlainText} (summaries sent to Mastodon).
 * Seeds and regressions: {@code src/test/resources/org/coordo/server/text/TextFuzzTestInputs/}. See
 * docs/FUZZING.md.
 */
class TextFuzzTest {
  private static final HtmlSanitizer SANITIZER = new HtmlSanitizer();
  private static final MarkdownRenderer MARKDOWN = new MarkdownRenderer(SANITIZER);
  private static final Set<String> TAGS = Set.of("p", "br", "strong", "em", "b", "i", "u", "s", "del", "code", "pre",
      "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "a", "span", "sup", "sub");

  /** Sanitised HTML is safe (see {@link #assertSafe}) and sanitising it again changes nothing. */
  @FuzzTest
  @Timeout(10)
  void sanitizer(byte[] data) {
    String html = new String(data, StandardCharsets.UTF_8);
    String clean = SANITIZER.sanitize(html);
    assertSafe(clean);
    assertEquals(clean, SANITIZER.sanitize(clean), "sanitising twice changed the output");
  }

  /** Rendered Markdown is safe and already sanitised. */
  @FuzzTest
  @Timeout(10)
  void markdown(byte[] data) {
    String markdown = new String(data, StandardCharsets.UTF_8);
    String html = MARKDOWN.toHtml(markdown);
    assertSafe(html);
    assertEquals(html, SANITIZER.sanitize(html), "rendered Markdown changes when sanitised again");
  }

  /** Plain text has no markup left that a browser would run, and an excerpt is short, well-formed UTF-16. */
  @FuzzTest
  @Timeout(10)
  void plainText(byte[] data) {
    String html = new String(data, StandardCharsets.UTF_8);
    String text = PlainText.fromHtml(html);
    assertFalse(text.contains("\n\n"), "blank line in plain text");
    for (int max : new int[] {1, 2, 20, 160, 500}) {
      String excerpt = PlainText.excerpt(text, max);
      assertTrue(excerpt.length() <= max, () -> "excerpt longer than " + max + ": " + excerpt);
      assertWellFormed(excerpt);
    }
    assertWellFormed(PlainText.firstLine(text));
  }

  /**
   * No element outside the allow-list, no {@code <script}, no event-handler attribute, links only to http,
   * https or mailto and always with {@code rel="nofollow noopener noreferrer"}.
   */
  static void assertSafe(String html) {
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), html);
    for (Element e : Jsoup.parseBodyFragment(html).body().getAllElements()) {
      if (e.tagName().equals("body")) {
        continue;
      }
      assertTrue(TAGS.contains(e.tagName()), () -> "tag " + e.tagName() + " in " + html);
      for (Attribute a : e.attributes()) {
        String name = a.getKey().toLowerCase(Locale.ROOT);
        assertFalse(name.startsWith("on"), () -> "event handler " + name + " in " + html);
        assertTrue(Set.of("href", "title", "rel", "start").contains(name), () -> "attribute " + name + " in " + html);
        if (name.equals("href")) {
          String href = a.getValue().trim().toLowerCase(Locale.ROOT);
          String scheme = href.indexOf(':') < 0 ? "" : href.substring(0, href.indexOf(':'));
          assertTrue(Set.of("http", "https", "mailto").contains(scheme), () -> "link " + href + " in " + html);
          assertFalse(href.contains("javascript:"), html);
        }
      }
      if (e.tagName().equals("a")) {
        assertEquals("nofollow noopener noreferrer", e.attr("rel"), html);
      }
    }
  }

  private static void assertWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertTrue(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)), "lone high surrogate at " + i);
        i++;
      } else {
        assertFalse(Character.isLowSurrogate(c), "lone low surrogate at " + i);
      }
    }
  }
}
