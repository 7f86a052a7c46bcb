package org.coordo.server.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SafeUrlsTest {
  /** Schemes and shapes a browser would run, embed or resolve somewhere else. */
  static final List<String> DANGEROUS = List.of("javascript:alert(1)", " JAVASCRIPT:alert(1)", "\u00A0javascript:alert(1)",
      "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", "\u0001javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/x",
      "/\\evil.example", "https:evil.example", "https:/evil.example", "https://", "https://user:pw@evil.example/",
      "https://ok.example/\u202Egnp.exe", "https://ok.example/a b", "https://ok.example/\r\nSet-Cookie:x", "",
      "   ", "mailto:x@example.org", "ftp://ok.example/");

  @Test
  void dangerousOrNonHttpUrlsAreNeitherKeptNorLinked() {
    for (String url : DANGEROUS) {
      assertEquals(Optional.empty(), SafeUrls.http(url), url);
      assertNull(SafeUrls.href(url), url);
    }
    assertEquals(Optional.empty(), SafeUrls.http(null));
    assertNull(SafeUrls.href(null));
    assertEquals(Optional.empty(), SafeUrls.http("https://ok.example/" + "a".repeat(SafeUrls.MAX_LENGTH)));
  }

  @Test
  void httpUrlsAreKeptTrimmedWithALowerCaseScheme() {
    assertEquals(Optional.of("https://meet.example/room?x=1#y"), SafeUrls.http("https://meet.example/room?x=1#y"));
    assertEquals(Optional.of("https://meet.example/room"), SafeUrls.http(" \u00A0HTTPS://meet.example/room\u3000 "));
    assertEquals(Optional.of("http://127.0.0.1:8081/x"), SafeUrls.http("http://127.0.0.1:8081/x"));
    assertEquals(Optional.of("https://[::1]/x"), SafeUrls.http("https://[::1]/x"));
    assertEquals(Optional.of("https://xn--exmple-cua.org/x"), SafeUrls.http("https://xn--exmple-cua.org/x"));
    assertEquals(Optional.empty(), SafeUrls.http("https://exämple.org/x"), "a raw IDN host is not read: punycode it");
    assertEquals(Optional.of("http://ok.example:80/x"), SafeUrls.http("http://ok.example:80/x"));
    assertTrue(SafeUrls.isHttp("https://masto.example/@zoe/1"));
  }

  @Test
  void pagesMayAlsoLinkToPathsOnThisNode() {
    assertEquals("/collectives/grenoble?lang=en", SafeUrls.href("/collectives/grenoble?lang=en"));
    assertEquals("https://masto.example/@zoe", SafeUrls.href(" https://masto.example/@zoe"));
    assertNull(SafeUrls.href("//collectives/grenoble"));
    assertNull(SafeUrls.href("/collectives/\u0000"));
  }
}
