package org.coordo.server.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.cosign.TextSignatory;
import org.junit.jupiter.api.Test;

class FeedSignatoriesTest {
  @Test
  void aCallsItemEndsWithItsSignatoriesEscapedAndOnlySafeLinks() {
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    FeedItem item = new FeedItem(URI.create("https://g.example/collectives/g/calls/1"), null, "Appel", null,
        "<p>Texte</p>", t, null, null, List.of("calls"), "g");
    CallSignatories s = new CallSignatories("https://g.example/collectives/g/calls/1", "c", null, List.of(
        Signatory.federated("https://l.example/actors/lille", "Lille <b>&</b>", "lille@l.example",
            "https://l.example/@lille", t, null),
        Signatory.text(new TextSignatory("UL \"CGT\"", "javascript:alert(1)"), t)), List.of());
    assertEquals("<p>Texte</p><p>Signataires : <a href=\"https://l.example/@lille\">Lille &lt;b&gt;&amp;&lt;/b&gt;</a>, "
        + "UL &quot;CGT&quot;</p>", FeedSignatories.withParagraph(item, s).contentHtml());
  }
}
