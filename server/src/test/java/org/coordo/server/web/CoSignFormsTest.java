package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.coordo.server.domain.cosign.TextSignatory;
import org.junit.jupiter.api.Test;

class CoSignFormsTest {

  @Test
  void handlesAreReadOnePerLineOrSeparatedBySpacesAndCommasWithoutRepeats() {
    CoSignForms.Parsed<String> p = CoSignForms.handles(
        " @lille@lille.example\r\nlyon@lyon.example:8443, @Lille@lille.example ; https://paris.example/collectives/paris\n\n");
    assertTrue(p.ok(), p.problems().toString());
    assertEquals(List.of("@lille@lille.example", "lyon@lyon.example:8443", "https://paris.example/collectives/paris"),
        p.values());
  }

  @Test
  void aTokenThatIsNeitherAHandleNorAnHttpAddressIsRefusedByName() {
    CoSignForms.Parsed<String> p = CoSignForms.handles("lille\n@ok@ok.example\njavascript:alert(1)\nftp://x.example/a\n@a@b\u0001c");
    assertEquals(List.of("@ok@ok.example"), p.values());
    assertEquals(4, p.problems().size(), p.problems().toString());
    assertEquals(new CoSignForms.Problem("cosign.error.handle", List.of("lille")), p.problems().get(0));
    assertEquals("@a@b?c", p.problems().get(3).args().get(0), "control characters are not echoed");
  }

  @Test
  void emptyHugeOrTooManyHandlesAreRefusedWhole() {
    assertEquals("cosign.error.noHandle", CoSignForms.handles(" \n ").problems().get(0).key());
    assertEquals("cosign.error.noHandle", CoSignForms.handles(null).problems().get(0).key());
    assertEquals("cosign.error.tooLong", CoSignForms.handles("a".repeat(CoSignForms.MAX_FIELD + 1)).problems().get(0).key());
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= CoSignForms.MAX_HANDLES; i++) {
      many.append("@c").append(i).append("@x.example\n");
    }
    CoSignForms.Parsed<String> p = CoSignForms.handles(many.toString());
    assertEquals(List.of(), p.values());
    assertEquals("cosign.error.tooManyHandles", p.problems().get(0).key());
    String echoed = CoSignForms.handles("x".repeat(5000)).problems().get(0).args().get(0);
    assertTrue(echoed.length() <= 81, "a long token is echoed short");
  }

  @Test
  void textSignatoriesTakeANameAndAnOptionalHttpLinkAfterABarOrAtTheEnd() {
    CoSignForms.Parsed<TextSignatory> p = CoSignForms.textSignatories(
        "Union locale CGT | https://ul-cgt.example\r\n\r\n  Collectif sans site  \nAssociation Droit au logement HTTPS://dal.example/38\nAmis |  ");
    assertTrue(p.ok(), p.problems().toString());
    assertEquals(List.of(new TextSignatory("Union locale CGT", "https://ul-cgt.example"),
        new TextSignatory("Collectif sans site", null),
        new TextSignatory("Association Droit au logement", "https://dal.example/38"),
        new TextSignatory("Amis", null)), p.values());
    assertEquals(p.values(), CoSignForms.textSignatories(CoSignForms.asText(p.values())).values(), "read back as written");
  }

  @Test
  void aBadLineIsNamedByItsNumberAndNothingIsKeptFromIt() {
    CoSignForms.Parsed<TextSignatory> p = CoSignForms.textSignatories(String.join("\n",
        "Bon nom | https://ok.example", "Mauvais lien | javascript:alert(1)", "| https://x.example",
        "x".repeat(TextSignatory.MAX_NAME + 1), "Cloche\u0007", "Data | data:text/html,hi", "FTP | ftp://x.example"));
    assertFalse(p.ok());
    assertEquals(List.of("cosign.error.lineLink", "cosign.error.lineNoName", "cosign.error.lineNameTooLong",
        "cosign.error.lineControl", "cosign.error.lineLink", "cosign.error.lineLink"),
        p.problems().stream().map(CoSignForms.Problem::key).toList());
    assertEquals(List.of("2", "javascript:alert(1)"), p.problems().get(0).args());
    assertEquals("5", p.problems().get(3).args().get(0));
  }

  @Test
  void moreSignatoriesThanAllowedAreRefusedWhole() {
    String lines = "Nom\n".repeat(TextSignatory.MAX_COUNT + 1);
    CoSignForms.Parsed<TextSignatory> p = CoSignForms.textSignatories(lines);
    assertEquals("cosign.error.tooManySignatories", p.problems().get(0).key());
    assertTrue(CoSignForms.textSignatories("Nom\n".repeat(TextSignatory.MAX_COUNT)).ok());
    assertTrue(CoSignForms.textSignatories("").ok() && CoSignForms.textSignatories(null).values().isEmpty(),
        "an empty list clears the signatories");
  }
}
