package org.coordo.server.convert;

import org.coordo.server.feeds.CalendarEvent;
import org.coordo.server.feeds.FeedItem;
import org.coordo.server.feeds.IcsWriter;
import org.coordo.server.convert.PublicationFeedConverter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.coordo.federation.Uris;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;
import org.junit.jupiter.api.Test;

class PublicationFeedConverterTest {
  private static final Instant CREATED = Instant.parse("2026-03-01T08:00:00Z");
  private static final Instant PUBLISHED = Instant.parse("2026-03-01T09:00:00Z");
  private final PublicationFeedConverter converter =
      new PublicationFeedConverter(new PublicationUris(new Uris(URI.create("https://grenoble.example"))));

  private static Publication event(EventStatus status, Instant updated) {
    EventDetails details = new EventDetails(Instant.parse("2026-03-14T13:00:00Z"), Instant.parse("2026-03-14T16:00:00Z"),
        ZoneId.of("Europe/Paris"), new EventLocation("Place Grenette", null, null, 45.19, 5.72, null), status,
        EventCategory.MEETING);
    return new Publication("01hx3", "grenoble", PublicationKind.EVENT, PublicationState.PUBLISHED, "camille",
        "Manif", null, "Rendez-vous **14 h**", "<p>Rendez-vous <strong>14 h</strong></p>", "fr", CREATED, PUBLISHED,
        updated, null, List.of(), null, details);
  }

  @Test
  void publicationBecomesAFeedItemWithItsActivityPubId() {
    FeedItem item = converter.toFeedItem(event(EventStatus.Scheduled, null));
    URI id = URI.create("https://grenoble.example/collectives/grenoble/events/01hx3");
    assertEquals(id, item.id());
    assertEquals(id, item.url());
    assertEquals("Manif", item.title());
    assertEquals("<p>Rendez-vous <strong>14 h</strong></p>", item.contentHtml());
    assertEquals(PUBLISHED, item.published());
    assertNull(item.updated());
    assertEquals(List.of("events", "Réunion"), item.categories());
    assertEquals("grenoble", item.city());
    assertTrue(item.summary().contains("Place Grenette"), item.summary());
  }

  @Test
  void eventBecomesACalendarEventWhoseSequenceGrowsWithUpdates() throws Exception {
    CalendarEvent first = converter.toCalendarEvent(event(EventStatus.Scheduled, null));
    assertEquals(0, first.sequence());
    assertEquals(CalendarEvent.Status.SCHEDULED, first.status());
    assertEquals("Place Grenette", first.location());
    assertEquals(45.19, first.latitude());
    assertEquals("Rendez-vous 14 h", first.description());
    assertEquals(URI.create("https://grenoble.example/users/grenoble").getHost(), first.organizerUrl().getHost());

    CalendarEvent edited = converter.toCalendarEvent(event(EventStatus.Scheduled, PUBLISHED.plusSeconds(60)));
    CalendarEvent cancelled = converter.toCalendarEvent(event(EventStatus.Cancelled, PUBLISHED.plusSeconds(3600)));
    assertTrue(edited.sequence() > first.sequence());
    assertTrue(cancelled.sequence() > edited.sequence());
    assertEquals(CalendarEvent.Status.CANCELLED, cancelled.status());
    assertEquals(CalendarEvent.Status.TENTATIVE, converter.toCalendarEvent(event(EventStatus.Postponed, null)).status());

    byte[] ics = new IcsWriter("t").single(cancelled);
    VEvent v = new CalendarBuilder().build(new StringReader(new String(ics, StandardCharsets.UTF_8)))
        .<VEvent>getComponents("VEVENT").get(0);
    assertEquals("CANCELLED", v.getProperty("STATUS").orElseThrow().getValue());
    assertEquals(first.uid().toString(), v.getProperty("UID").orElseThrow().getValue());
  }

  @Test
  void draftsAndTombstonesAreRefused() {
    Publication published = event(EventStatus.Scheduled, null);
    assertThrows(IllegalArgumentException.class,
        () -> converter.toFeedItem(published.withState(PublicationState.DRAFT)));
    assertThrows(IllegalArgumentException.class,
        () -> converter.toCalendarEvent(published.tombstone(PUBLISHED.plusSeconds(5))));
  }
}
