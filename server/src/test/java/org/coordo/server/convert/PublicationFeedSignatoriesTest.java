package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.cosign.TextSignatory;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.feeds.FeedItem;
import org.junit.jupiter.api.Test;

/** A co-signed call's feed item names its signatories (issue 17), author first, as plain text. */
class PublicationFeedSignatoriesTest {
  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
  private static final Signatory GRENOBLE = Signatory.federated("https://grenoble.example/actors/grenoble",
      "Collectif de Grenoble", "grenoble@grenoble.example", "https://grenoble.example/collectives/grenoble", AT, null);
  private static final Signatory LILLE = Signatory.federated("https://lille.example/actors/lille",
      "Lille <solidaire>", "lille@lille.example", "https://lille.example/collectives/lille", AT, "https://x/accept");
  private static final Signatory UNION = Signatory.text(new TextSignatory("Union locale CGT", "https://ul.example"), AT);

  @Test
  void aCoSignedCallsItemEndsWithOneLineNamingEverySignatory() {
    Publication call = Fixtures.call();
    FeedItem plain = new PublicationFeedConverter(Fixtures.URIS).toFeedItem(call);
    FeedItem item = new PublicationFeedConverter(Fixtures.URIS).toFeedItem(call, List.of(GRENOBLE, LILLE, UNION));
    String line = "Signataires : Collectif de Grenoble, Lille <solidaire>, Union locale CGT";
    assertTrue(item.summary().endsWith(line), item.summary());
    assertEquals(plain.contentHtml()
        + "<p>Signataires : Collectif de Grenoble, Lille &lt;solidaire&gt;, Union locale CGT</p>", item.contentHtml());
    assertEquals(plain.id(), item.id());
    assertEquals("Signatories: Collectif de Grenoble, Lille <solidaire>, Union locale CGT",
        new PublicationFeedConverter(Fixtures.URIS, Locale.ENGLISH).toFeedItem(call, List.of(GRENOBLE, LILLE, UNION))
            .summary().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void aCallSignedByItsAuthorAloneIsUnchanged() {
    Publication call = Fixtures.call();
    PublicationFeedConverter converter = new PublicationFeedConverter(Fixtures.URIS);
    assertEquals(converter.toFeedItem(call), converter.toFeedItem(call, List.of(GRENOBLE)));
    assertEquals(converter.toFeedItem(call), converter.toFeedItem(call, null));
    assertEquals(converter.toFeedItem(call), converter.toFeedItem(call, List.of()));
  }
}
