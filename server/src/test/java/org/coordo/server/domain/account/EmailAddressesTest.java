package org.coordo.server.domain.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void anAddressIsStrippedAndItsDomainLowerCased() {
    assertEquals(Optional.of("Ada.Lovelace+coordo@example.org"),
        EmailAddresses.normalize("  Ada.Lovelace+coordo@Example.ORG \n"));
    assertEquals("ada.lovelace+coordo@example.org", EmailAddresses.key("Ada.Lovelace+coordo@example.org"));
  }

  @Test
  void whatCouldReachAHeaderOrIsNoAddressIsRefused() {
    for (String bad : new String[] {"", "ada", "@example.org", "ada@", "ada@localhost", "ada@@example.org",
        "a b@example.org", "ada@example.org\r\nBcc: x@evil.test", "ada@exa mple.org", "\"ada\"@example.org",
        "ada.@example.org", ".ada@example.org", "ada@-example.org", "ada@example..org", "ada\u0000@example.org",
        "a".repeat(65) + "@example.org", "ada@" + "a".repeat(250) + ".org"}) {
      assertTrue(EmailAddresses.normalize(bad).isEmpty(), bad);
    }
    assertTrue(EmailAddresses.normalize(null).isEmpty());
  }

  @Test
  void aUsernameIsNotTakenForAnAddress() {
    assertTrue(EmailAddresses.looksLikeAddress("ada@example.org"));
    assertTrue(!EmailAddresses.looksLikeAddress("ada"));
  }
}
