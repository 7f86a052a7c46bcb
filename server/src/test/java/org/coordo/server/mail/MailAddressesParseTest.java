package org.coordo.server.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailAddressesParseTest {

  @Test
  void ordinaryAddressesAreAcceptedInLowerCase() {
    assertEquals(Optional.of("marie.dupont@example.fr"), MailAddresses.parse(" Marie.Dupont@Example.FR "));
    assertEquals(Optional.of("cgt+social@sub.example.org"), MailAddresses.parse("cgt+social@sub.example.org"));
    assertEquals(Optional.of("a@xn--rseau-bsa.fr"), MailAddresses.parse("a@réseau.fr"));
  }

  @Test
  void nothingThatCouldCarryAHeaderOrASecondRecipientPasses() {
    for (String bad : new String[] {"a@b.org\nBcc: c@d.org", "a@b.org, c@d.org", "a@b.org;c@d.org",
        "A <a@b.org>", "\"a b\"@b.org", "a b@b.org", "a@@b.org", "a@b@c.org", "a@-b.org", "a@b..org",
        ".a@b.org", "a.@b.org", "a@localhost", "a@b.org.", "a(comment)@b.org", "a\u0000@b.org", "a@b.org\u0085x"}) {
      assertTrue(MailAddresses.parse(bad).isEmpty(), bad);
    }
  }

  @Test
  void surroundingWhitespaceAndLineBreaksAreTrimmedAway() {
    assertEquals(Optional.of("a@b.org"), MailAddresses.parse("\t a@b.org\r\n"));
  }

  @Test
  void lengthsAreBounded() {
    assertTrue(MailAddresses.parse("x".repeat(64) + "@example.org").isPresent());
    assertTrue(MailAddresses.parse("x".repeat(65) + "@example.org").isEmpty());
    String longDomain = ("d".repeat(60) + ".").repeat(5) + "org";
    assertTrue(MailAddresses.parse("x@" + longDomain).isEmpty(), "over 254 in all");
  }
}
