package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.cosign.TextSignatory;
import org.junit.jupiter.api.Test;

class CoSignApiConverterTest {
  @Test
  void handlesAreWrittenWithTheirLeadingAtLikeTheRestOfTheApi() {
    Instant at = Instant.parse("2026-12-06T10:00:00Z");
    Signatory lille = Signatory.federated("https://lille.example/actors/lille", "Collectif de Lille",
        "lille@lille.example", "https://lille.example/collectives/lille", at, "https://lille.example/a/1");
    assertEquals("@lille@lille.example", CoSignApiConverter.signatory(lille).getString("handle"));
    Signatory typed = Signatory.text(new TextSignatory("Union locale CGT", null), at);
    assertNull(CoSignApiConverter.signatory(typed).getString("handle"), "a typed name has no handle");
    assertEquals("@a@b.example", CoSignApiConverter.handle("@a@b.example"), "never twice");
  }
}
