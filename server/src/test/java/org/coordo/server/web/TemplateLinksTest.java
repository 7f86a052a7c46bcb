package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.server.web.CommunityPages.ActorRow;
import org.coordo.server.web.CommunityPages.PendingReply;
import org.junit.jupiter.api.Test;

/**
 * Whatever a stored remote URL holds (data kept before URLs were checked, or a path that missed
 * the check), the templates link only through {@code link.jte}: a dangerous one is shown as text.
 */
class TemplateLinksTest {
  static final List<String> DANGEROUS = List.of("javascript:alert(1)", " JAVASCRIPT:alert(1)",
      "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x");

  private final Renderer renderer = new Renderer();

  private String render(String template, Object... namesAndValues) {
    Map<String, Object> params = new HashMap<>();
    params.put("p", new PageContext(Messages.load().bundle("fr"), "/espace/grenoble/moderation", Optional.empty(),
        "t".repeat(43), "127.0.0.1:8081"));
    for (int i = 0; i < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return renderer.render(template, params);
  }

  /** Every href and src is a path here ("/…" or "#…") or an http(s) URL. */
  private static void assertNoDangerousHref(String html) {
    Matcher m = Pattern.compile("(?:href|src)=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      String v = m.group(1);
      assertTrue((v.startsWith("/") && !v.startsWith("//")) || v.startsWith("#") || v.startsWith("https://")
          || v.startsWith("http://"), "unsafe link \"" + v + "\" in " + m.group());
    }
  }

  @Test
  void moderationQueueShowsADangerousAuthorAsText() {
    for (String url : DANGEROUS) {
      String html = render("moderation.jte", "collective", "grenoble",
          "replies", List.of(new PendingReply("r1", url, "calls/1", "hier", "<p>Bonjour</p>")));
      assertNoDangerousHref(html);
      assertTrue(html.contains("Bonjour"));
    }
    assertTrue(render("moderation.jte", "collective", "grenoble", "replies",
        List.of(new PendingReply("r1", "https://masto.example/users/zoe", "calls/1", "hier", "<p>Bonjour</p>")))
        .contains("href=\"https://masto.example/users/zoe\""), "a safe author is a link");
  }

  @Test
  void followersPageShowsADangerousActorIdAsText() {
    for (String url : DANGEROUS) {
      List<ActorRow> rows = List.of(new ActorRow(url, "accepted", "hier"));
      assertNoDangerousHref(render("followers.jte", "collective", "grenoble", "accepted", rows, "pending", rows,
          "following", rows, "f", Form.empty()));
    }
  }
}
