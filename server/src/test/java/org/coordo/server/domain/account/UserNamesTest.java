package org.coordo.server.domain.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class UserNamesTest {

  @Test
  void unicodeSpacesAroundANameAreDropped() {
    for (String spaced : new String[] {" alice ", "\u00A0alice", "alice\u2003", "\u3000alice\u3000", "\talice\n",
        "\u200Balice\uFEFF", "\u202Falice\u2007"}) {
      assertEquals("alice", UserNames.normalize(spaced), spaced.codePoints().mapToObj(Integer::toHexString).toList()
          .toString());
    }
  }

  @Test
  void caseAndCompatibilityFormsFoldToTheStoredName() {
    assertEquals("alice", UserNames.normalize("ALICE"));
    assertEquals("alice", UserNames.normalize("\uFF21\uFF4C\uFF49\uFF43\uFF45")); // full-width
    assertEquals("\u00e9lise", UserNames.normalize("E\u0301lise"), "composed (NFKC), then lower case");
  }

  @Test
  void validNamesStayAsTheyAreAndNullStaysNull() {
    assertEquals("jean-luc.m_2", UserNames.normalize("jean-luc.m_2"));
    assertEquals("a b", UserNames.normalize("a b"), "inner spaces are kept (and refused by the name rule)");
    assertNull(UserNames.normalize(null));
  }
}
