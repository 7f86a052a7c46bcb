package org.coordo.server.domain.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.coordo.server.service.account.AccountRules;
import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void anAccountsAddressIsStrippedLowerCasedAndIndexedInAnyCase() {
    Map<String, String> errors = new LinkedHashMap<>();
    assertEquals("ada.lovelace+coordo@example.org", // the mail system's one stored form (MailAddresses.normalize)
        AccountRules.checkEmail(errors, "email", "  Ada.Lovelace+coordo@Example.ORG \n"));
    assertEquals(Map.of(), errors);
    assertEquals("ada.lovelace+coordo@example.org", EmailAddresses.key("Ada.Lovelace+coordo@example.org"));
    assertNull(AccountRules.checkEmail(errors, "email", "  "), "blank is no address");
    assertEquals(Map.of(), errors);
  }

  @Test
  void whatCouldReachAHeaderOrIsNoAddressIsRefusedOnTheField() {
    for (String bad : new String[] {"ada", "@example.org", "ada@", "ada@@example.org", "a b@example.org",
        "ada@example.org\r\nBcc: x@evil.test", "ada@exa mple.org", "\"ada\"@example.org", "ada.@example.org",
        "ada@-example.org", "ada@example..org", "ada\u0000@example.org", "a".repeat(65) + "@example.org"}) {
      Map<String, String> errors = new LinkedHashMap<>();
      assertNull(AccountRules.checkEmail(errors, "email", bad), bad);
      assertEquals(Map.of("email", "not a valid mail address"), errors, bad);
    }
  }

  @Test
  void aUsernameIsNotTakenForAnAddress() {
    assertTrue(EmailAddresses.looksLikeAddress("ada@example.org"));
    assertFalse(EmailAddresses.looksLikeAddress("ada"));
  }
}
