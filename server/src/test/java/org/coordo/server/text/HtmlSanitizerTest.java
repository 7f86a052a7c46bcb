package org.coordo.server.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coordo.server.error.NodeError;
import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {
  private final HtmlSanitizer sanitizer = new HtmlSanitizer();
  private final MarkdownRenderer markdown = new MarkdownRenderer(sanitizer);

  @Test
  void sanitisingTwiceKeepsTheLeadingNewlinesOfPreformattedText() {
    // Found by TextFuzzTest.sanitizer: each pass ate the first newline of a <pre>.
    String once = sanitizer.sanitize("<pre>\n\n\ncode</pre>");
    assertEquals(once, sanitizer.sanitize(once));
    assertEquals(once, sanitizer.sanitize(sanitizer.sanitize(once)));
  }

  @Test
  void sanitisingTwiceChangesNothingEvenWhenTheCleanTreeNestsLinks() throws Exception {
    // Found by TextFuzzTest.sanitizer: the cleaned tree nested an <a> in an <a>, which parses differently.
    String dirty = new String(getClass().getResourceAsStream(
        "TextFuzzTestInputs/sanitizer/crash-link-nested-in-link-parses-differently").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    String once = sanitizer.sanitize(dirty);
    assertEquals(once, sanitizer.sanitize(once));
  }

  @Test
  void markdownBecomesFormattedHtml() {
    String html = markdown.toHtml("# Appel\n\nVenez **nombreux** à la [manif](https://example.org/m).\n\n- un\n- deux");
    assertTrue(html.contains("<h1>Appel</h1>"), html);
    assertTrue(html.contains("<strong>nombreux</strong>"), html);
    assertTrue(html.contains("<a href=\"https://example.org/m\" rel=\"nofollow noopener noreferrer\">manif</a>"), html);
    assertTrue(html.contains("<li>un</li>"), html);
  }

  @Test
  void rawHtmlInMarkdownIsEscapedNotExecuted() {
    String html = markdown.toHtml("Salut <script>alert(1)</script> <img src=x onerror=alert(2)>");
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<img"), html);
    assertTrue(html.contains("&lt;script&gt;"), html);
  }

  @Test
  void javascriptUrlsInMarkdownLinksAreDropped() {
    String html = markdown.toHtml("[clic](javascript:alert(1)) et [data](data:text/html,<b>x</b>)");
    assertFalse(html.toLowerCase().contains("javascript:"), html);
    assertFalse(html.toLowerCase().contains("data:text"), html);
    assertTrue(html.contains("clic"), html);
  }

  @Test
  void remoteHtmlLosesScriptsHandlersStylesAndDangerousUrls() {
    String remote = "<p onclick=\"x()\" style=\"color:red\" class=\"h-card\">Bonjour <script>steal()</script>"
        + "<a href=\"javascript:alert(1)\">a</a> <a href=\"https://ok.example/\" onmouseover=\"y()\">b</a>"
        + "<img src=\"https://t.example/p.gif\" onerror=\"z()\"><iframe src=\"https://evil\"></iframe></p>";
    String html = sanitizer.sanitize(remote);
    for (String bad : new String[] {"script", "onclick", "onerror", "onmouseover", "style=", "javascript:", "<img",
        "iframe", "class="}) {
      assertFalse(html.toLowerCase().contains(bad), bad + " survived in " + html);
    }
    assertTrue(html.contains("<a href=\"https://ok.example/\" rel=\"nofollow noopener noreferrer\">b</a>"), html);
    assertTrue(html.startsWith("<p>Bonjour"), html);
  }

  @Test
  void blankInputGivesEmptyOutput() {
    assertEquals("", sanitizer.sanitize(null));
    assertEquals("", markdown.toHtml("   "));
  }

  @Test
  void plainTextKeepsLinesAndDecodesEntities() {
    assertEquals("Titre\nUn &amp; deux\ntrois", PlainText.fromHtml("<h1>Titre</h1><p>Un &amp;amp; deux<br>trois</p>"));
    assertEquals("abc def…", PlainText.excerpt("abc def ghijkl", 10));
  }

  @Test
  void remoteHtmlNestedTooDeeplyIsKeptAsEscapedPlainTextWithoutParsing() {
    String nested = "<blockquote>".repeat(12_000) + "fin & <b>x</b>" + "</blockquote>".repeat(12_000);
    long t0 = System.nanoTime();
    String html = sanitizer.sanitize(nested);
    assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000, "a linear pre-scan, not a parse of several seconds");
    assertEquals("<p>fin &amp; x</p>", html);
    assertEquals("fin & x", PlainText.fromHtml(nested));
  }

  @Test
  void strayEndTagsDoNotHideNesting() {
    // jsoup ignores </x>: the spans still nest 100 deep
    String sneaky = "<span></x>".repeat(100) + "texte";
    assertTrue(MarkupLimits.htmlTooComplex(sneaky));
    assertFalse(MarkupLimits.htmlTooComplex("<p>un<p>deux<ul><li>a<li>b</ul><br><hr>" + "<b>x</b>".repeat(500)));
  }

  @Test
  void markdownNestedTooDeeplyIsRefusedWith422() {
    NodeError e = assertThrows(NodeError.class, () -> markdown.toHtml(">".repeat(50_000) + " x"));
    assertEquals(422, e.status());
    assertTrue(markdown.toHtml("> > un\n\n- a\n  - b").contains("<blockquote>"));
  }
}
