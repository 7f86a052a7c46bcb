package org.coordo.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailAddressesTest {

  @Test
  void addressesPeopleTypeAreValid() {
    for (String ok : List.of("ada@example.org", "jean.dupont+coordo@mail.collectif.fr", "a_b-c@x-y.example",
        "o'brien@example.ie", "root@localhost", "x@sub.domain.co.uk")) {
      assertTrue(MailAddresses.valid(ok), ok);
    }
  }

  @Test
  void injectionsAndMalformedAddressesAreNot() {
    for (String bad : List.of("", "ada", "@example.org", "ada@", "ada@example", "ada@@example.org",
        "ada@example.org\r\nBcc: x@y.z", "ada@example.org>", "<ada@example.org>", "ada @example.org",
        "\"ada\"@example.org", "ada@[127.0.0.1]", "ada@127.0.0.1", "ada..b@example.org", ".ada@example.org",
        "ada@-example.org", "ada@example..org", "adé@example.org", "ada@exämple.org", "a".repeat(65) + "@example.org",
        "ada@" + "a".repeat(250) + ".org")) {
      assertFalse(MailAddresses.valid(bad), bad);
    }
  }

  @Test
  void addressesAreComparedInLowerCase() {
    assertEquals("ada.lovelace@example.org", MailAddresses.normalize(" Ada.Lovelace@Example.ORG "));
  }

  @Test
  void headerTextIsOneLineWithoutControlCharacters() {
    assertTrue(MailAddresses.headerSafe("Assemblée générale : jeudi 18 h ✊🏽"));
    for (String bad : List.of("a\rb", "a\nb", "a\tb", "a\u0000b", "a\u2028b", "a\u007fb", "a\ud800b")) {
      assertFalse(MailAddresses.headerSafe(bad), bad);
    }
  }

  @Test
  void longOrNonAsciiHeaderTextBecomesEncodedWordsCutBetweenCharacters() {
    assertEquals("Bonjour", HeaderText.encode("Bonjour"));
    String text = "Grève ✊🏽 ".repeat(12);
    String encoded = HeaderText.encode(text);
    StringBuilder decoded = new StringBuilder();
    for (String word : encoded.split("\r\n ")) {
      assertTrue(word.length() <= 75, word);
      assertTrue(word.startsWith("=?UTF-8?B?") && word.endsWith("?="), word);
      // each word decodes on its own: no character is cut in two
      byte[] bytes = java.util.Base64.getDecoder().decode(word.substring(10, word.length() - 2));
      String part = new String(bytes, StandardCharsets.UTF_8);
      assertFalse(part.contains("\ufffd"), part);
      decoded.append(part);
    }
    assertEquals(text, decoded.toString());
  }
}
