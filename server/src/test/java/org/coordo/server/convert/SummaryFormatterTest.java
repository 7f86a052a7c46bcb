package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.PostalAddress;
import org.coordo.server.domain.publication.Publication;
import org.junit.jupiter.api.Test;

class SummaryFormatterTest {

  @Test
  void eventSummaryIsDateTimePlaceAndLineInTheEventsZoneAndLanguage() {
    // 13:00 UTC is 14:00 in Paris (winter time)
    assertEquals("samedi 14 mars 2026 · 14:00 · Place Grenette, Grenoble · Manifestation pour le climat, départ de la place.",
        SummaryFormatter.summary(Fixtures.event(EventStatus.Scheduled)));
  }

  @Test
  void eventSummaryDoesNotRepeatThePlaceWhenTheAddressStartsWithIt() {
    Publication p = Fixtures.event(EventStatus.Scheduled);
    EventLocation written = new EventLocation("Place Grenette", "Place Grenette, 38000 Grenoble", null, null, null, null);
    EventLocation structured = new EventLocation("place grenette",
        null, new PostalAddress("Place Grenette", "38000", null, null, null), null, null, null);
    for (EventLocation where : new EventLocation[] {written, structured}) {
      String s = SummaryFormatter.summary(p.withEvent(new EventDetails(p.event().startTime(), null,
          p.event().timezone(), where, EventStatus.Scheduled, null)));
      assertEquals(1, s.split("(?i)place grenette", -1).length - 1, s);
    }
    String other = SummaryFormatter.summary(p.withEvent(new EventDetails(p.event().startTime(), null,
        p.event().timezone(), new EventLocation("Place Grenettes", "Place Grenette, 38000 Grenoble", null, null, null, null),
        EventStatus.Scheduled, null)));
    assertTrue(other.contains(" · Place Grenettes, Place Grenette, 38000 Grenoble · "), "a different name stays: " + other);
  }

  @Test
  void eventSummaryUsesTheEventsZoneNotUtc() {
    Publication p = Fixtures.event(EventStatus.Scheduled);
    Publication late = p.withEvent(new org.coordo.server.domain.publication.EventDetails(
        Instant.parse("2026-03-14T23:30:00Z"), null, ZoneId.of("Europe/Paris"), p.event().location(),
        EventStatus.Scheduled, null));
    assertTrue(SummaryFormatter.summary(late).startsWith("dimanche 15 mars 2026 · 00:30 · "), SummaryFormatter.summary(late));
  }

  @Test
  void cancelledEventSummaryStartsWithAnnule() {
    assertTrue(SummaryFormatter.summary(Fixtures.event(EventStatus.Cancelled)).startsWith("ANNULÉ · samedi 14 mars 2026"));
  }

  @Test
  void englishEventsSayCancelled() {
    Publication p = Fixtures.event(EventStatus.Cancelled);
    Publication en = new Publication(p.id(), p.collective(), p.kind(), p.state(), p.authorName(), p.title(), "Climate march",
        p.contentSource(), p.contentHtml(), "en", p.createdAt(), p.publishedAt(), null, null, p.attachments(), null, p.event());
    String s = SummaryFormatter.summary(en);
    assertTrue(s.startsWith("CANCELLED · Saturday, March 14, 2026 · "), s);
    assertTrue(s.endsWith(" · Climate march"), s);
  }

  @Test
  void callSummaryIsItsFirstLinesInPlainText() {
    assertEquals("Nous appelons à la grève le 5 mars. Rejoignez-nous.", SummaryFormatter.summary(Fixtures.call()));
  }

  @Test
  void minutesSummaryNamesTheAssemblyDate() {
    assertEquals("AG du 7 mars 2026 · Ordre du jour : la grève.", SummaryFormatter.summary(Fixtures.minutes()));
  }
}
