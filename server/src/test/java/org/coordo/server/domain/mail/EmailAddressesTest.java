package org.coordo.server.domain.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void ordinaryAddressesAreAcceptedInLowerCase() {
    assertEquals(Optional.of("marie.dupont@example.fr"), EmailAddresses.normalise(" Marie.Dupont@Example.FR "));
    assertEquals(Optional.of("cgt+social@sub.example.org"), EmailAddresses.normalise("cgt+social@sub.example.org"));
    assertEquals(Optional.of("a@xn--rseau-bsa.fr"), EmailAddresses.normalise("a@réseau.fr"));
  }

  @Test
  void nothingThatCouldCarryAHeaderOrASecondRecipientPasses() {
    for (String bad : new String[] {"a@b.org\nBcc: c@d.org", "a@b.org, c@d.org", "a@b.org;c@d.org",
        "A <a@b.org>", "\"a b\"@b.org", "a b@b.org", "a@@b.org", "a@b@c.org", "a@-b.org", "a@b..org",
        ".a@b.org", "a.@b.org", "a@localhost", "a@b.org.", "a(comment)@b.org", "a\u0000@b.org", "a@b.org\u0085x"}) {
      assertTrue(EmailAddresses.normalise(bad).isEmpty(), bad);
    }
  }

  @Test
  void surroundingWhitespaceAndLineBreaksAreTrimmedAway() {
    assertEquals(Optional.of("a@b.org"), EmailAddresses.normalise("\t a@b.org\r\n"));
  }

  @Test
  void lengthsAreBounded() {
    assertTrue(EmailAddresses.normalise("x".repeat(64) + "@example.org").isPresent());
    assertTrue(EmailAddresses.normalise("x".repeat(65) + "@example.org").isEmpty());
    String longDomain = ("d".repeat(60) + ".").repeat(5) + "org";
    assertTrue(EmailAddresses.normalise("x@" + longDomain).isEmpty(), "over 254 in all");
  }
}
