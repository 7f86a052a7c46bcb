package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final Messages messages = Messages.load();

  @Test
  void bothBundlesHaveExactlyTheSameKeys() {
    Set<String> fr = messages.bundle("fr").keys();
    Set<String> en = messages.bundle("en").keys();
    Set<String> onlyFr = new TreeSet<>(fr);
    onlyFr.removeAll(en);
    Set<String> onlyEn = new TreeSet<>(en);
    onlyEn.removeAll(fr);
    assertEquals(Set.of(), onlyFr, "keys only in French");
    assertEquals(Set.of(), onlyEn, "keys only in English");
    for (String key : fr) {
      assertFalse(messages.bundle("fr").t(key).isBlank(), key);
      assertFalse(messages.bundle("en").t(key).isBlank(), key);
    }
  }

  @Test
  void everyLiteralKeyInTemplatesAndCodeExists() throws IOException {
    Pattern call = Pattern.compile("(?<![a-zA-Z])p\\.t\\(\"([a-zA-Z0-9.]+)\"");
    Pattern literal = Pattern.compile("\"((?:error|notice)\\.[a-zA-Z0-9]+)\"");
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/jte")),
        Files.walk(Path.of("src/main/java/org/coordo/server/web")))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f);
        for (Pattern p : new Pattern[] {call, literal}) {
          Matcher m = p.matcher(text);
          while (m.find()) {
            String key = m.group(1);
            if (!key.endsWith(".") && !key.endsWith(".jte") && !messages.bundle("fr").has(key)) {
              missing.add(f.getFileName() + ": " + key);
            }
          }
        }
      }
    }
    assertEquals(Set.of(), missing);
  }

  @Test
  void argumentsAreReplacedAndUnknownKeysAreVisible() {
    assertEquals("Erreur 404", messages.bundle("fr").t("error.title", 404));
    assertEquals("??nope??", messages.bundle("en").t("nope"));
    assertEquals("fr", messages.bundle("de").lang(), "unknown languages fall back to French");
  }

  @Test
  void acceptLanguagePicksASupportedLanguageElseFrench() {
    assertEquals("en", Locales.fromAcceptLanguage("en-GB,en;q=0.9"));
    assertEquals("fr", Locales.fromAcceptLanguage("de-DE,de;q=0.9"));
    assertEquals("fr", Locales.fromAcceptLanguage("fr-CA, en;q=0.5"));
    assertEquals("en", Locales.fromAcceptLanguage("de;q=0.9, en;q=0.8"));
    assertEquals("fr", Locales.fromAcceptLanguage(null));
    assertEquals("fr", Locales.fromAcceptLanguage(";;;garbage"));
  }

  @Test
  void remoteFollowServerIsNormalisedOrRefused() {
    assertEquals("mastodon.social", PublicPages.normaliseServer(" https://Mastodon.Social/about "));
    assertEquals("piaille.fr", PublicPages.normaliseServer("@moi@piaille.fr"));
    assertEquals("social.example:8443", PublicPages.normaliseServer("social.example:8443"));
    assertEquals("evil.example", PublicPages.normaliseServer("evil.example/\"><script>"), "only the host is kept");
    assertTrue(PublicPages.normaliseServer("localhost") == null);
    assertTrue(PublicPages.normaliseServer("a b.example") == null);
  }
}
