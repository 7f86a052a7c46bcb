package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import org.coordo.federation.Uris;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;
import org.coordo.server.feeds.IcsWriter;
import org.coordo.server.mail.OutgoingMail;
import org.coordo.server.web.Messages;
import org.junit.jupiter.api.Test;

class PublicationMailConverterTest {
  static final Instant PUBLISHED = Instant.parse("2026-03-01T09:00:00Z");
  static final PublicationUris URIS = new PublicationUris(new Uris(URI.create("https://grenoble.example")));
  final MailItemConverter items = new MailItemConverter(URIS);
  final PublicationMailConverter mails = new PublicationMailConverter(Messages.load(), new IcsWriter("t"), "Coordo Grenoble");

  static Publication event(EventStatus status, Instant updated) {
    EventDetails details = new EventDetails(Instant.parse("2026-03-14T13:00:00Z"), Instant.parse("2026-03-14T16:00:00Z"),
        ZoneId.of("America/Montreal"), new EventLocation("Place Grenette", "Place Grenette, 38000 Grenoble", null, null,
        null, "https://visio.example/salle"), status, EventCategory.MEETING);
    return new Publication("01hx3", "grenoble", PublicationKind.EVENT, PublicationState.PUBLISHED, "camille",
        "Manif\r\nBcc: evil@example.org", null, "x",
        "<p>Rendez-vous <strong>14 h</strong> &amp; <a href=\"https://x.example\">tract</a></p>", "fr",
        PUBLISHED, PUBLISHED, updated, null, List.of(), null, details);
  }

  static Subscriber subscriber(String id, Locale locale) {
    return new Subscriber(id, id + "@example.org", "grenoble", locale, MailFrequency.EACH, false, Set.of(),
        "https://grenoble.example/subscriptions/" + id, "https://grenoble.example/unsubscribe/" + id);
  }

  @Test
  void anEventMailHasTextAndHtmlFromTheSameContentItsTimeInItsZoneAndFooterLinks() {
    MailItem item = items.toItem(event(EventStatus.Scheduled, null));
    OutgoingMail m = mails.address(mails.body(item, PublicationMailConverter.Purpose.NEW, "fr"),
        subscriber("s1", Locale.FRENCH), "Collectif de Grenoble", "pub.x.s1@grenoble.example", null, "publication");
    assertEquals("s1@example.org", m.to());
    assertEquals("Coordo Grenoble — Collectif de Grenoble", m.fromName());
    assertFalse(m.subject().contains("\n") || m.subject().contains("\r"), m.subject());
    assertTrue(m.subject().startsWith("Manif Bcc: evil@example.org · 14 mars 2026, 09:00"), m.subject());
    // 13:00Z is 09:00 in Montreal (EDT from 8 March): the event's zone, not the node's.
    assertTrue(m.text().contains("Quand : samedi 14 mars 2026, 09:00 – 12:00 (heure de Montreal)"), m.text());
    assertTrue(m.text().contains("Où : Place Grenette, 38000 Grenoble"), m.text());
    assertTrue(m.text().contains("En ligne : https://visio.example/salle"), m.text());
    assertTrue(m.text().contains("Rendez-vous 14 h & tract"), m.text());
    assertTrue(m.text().contains("https://grenoble.example/collectives/grenoble/events/01hx3"), m.text());
    assertTrue(m.text().contains("Me désabonner : https://grenoble.example/unsubscribe/s1"), m.text());
    assertTrue(m.text().contains("Modifier mon abonnement : https://grenoble.example/subscriptions/s1"), m.text());
    assertTrue(m.html().contains("<strong>14 h</strong> &amp; <a href=\"https://x.example\""), m.html());
    assertTrue(m.html().contains("href=\"https://grenoble.example/unsubscribe/s1\""), m.html());
    assertFalse(m.html().toLowerCase(Locale.ROOT).contains("<script"), m.html());
    assertFalse(m.html().contains("<img"), "no external resource");
    assertFalse(m.html().contains("<link") || m.html().contains("<style"), "inline styles only");
    assertEquals("https://grenoble.example/unsubscribe/s1", m.unsubscribeUrl());
    assertEquals("pub.x.s1@grenoble.example", m.messageId());
    assertNull(m.inReplyTo());
    assertEquals("auto-generated", m.autoSubmitted());
  }

  @Test
  void theAttachedIcsParsesWithTheEventsUidStartInItsZoneAndPlace() throws Exception {
    MailItem item = items.toItem(event(EventStatus.Scheduled, null));
    OutgoingMail m = mails.address(mails.body(item, PublicationMailConverter.Purpose.NEW, "en"),
        subscriber("s2", Locale.ENGLISH), "Grenoble", null, null, "publication");
    assertEquals(1, m.attachments().size());
    OutgoingMail.Attachment ics = m.attachments().get(0);
    assertTrue(ics.contentType().startsWith("text/calendar"), ics.contentType());
    Calendar cal = new CalendarBuilder().build(new StringReader(new String(ics.content(), StandardCharsets.UTF_8)));
    assertEquals("PUBLISH", cal.getProperty("METHOD").orElseThrow().getValue());
    VEvent v = cal.<VEvent>getComponents("VEVENT").get(0);
    assertEquals("https://grenoble.example/collectives/grenoble/events/01hx3", v.getProperty("UID").orElseThrow().getValue());
    DtStart<?> start = v.<DtStart<?>>getProperty("DTSTART").orElseThrow();
    assertEquals("America/Montreal", start.getParameter("TZID").orElseThrow().getValue());
    assertEquals(ZonedDateTime.of(2026, 3, 14, 9, 0, 0, 0, ZoneId.of("America/Montreal")).toInstant(),
        Instant.from(start.getDate()));
    assertEquals("Place Grenette, 38000 Grenoble", v.getProperty("LOCATION").orElseThrow().getValue());
    assertTrue(m.text().contains("When: Saturday, March 14, 2026, 9:00"), m.text());
    assertTrue(m.text().contains("Unsubscribe: https://grenoble.example/unsubscribe/s2"), m.text());
  }

  @Test
  void aCancellationSaysSoAndItsIcsIsCancelledWithAHigherSequence() throws Exception {
    MailItem original = items.toItem(event(EventStatus.Scheduled, null));
    MailItem cancelled = items.toItem(event(EventStatus.Cancelled, PUBLISHED.plusSeconds(3600)));
    OutgoingMail m = mails.address(mails.body(cancelled, PublicationMailConverter.Purpose.CANCELLED, "fr"),
        subscriber("s1", Locale.FRENCH), "Grenoble", "fix.s1@h", "pub.s1@h", "correction");
    assertTrue(m.subject().startsWith("Annulé : Manif"), m.subject());
    assertTrue(m.text().startsWith("Cet événement, que nous vous avions annoncé, est annulé."), m.text());
    assertEquals("pub.s1@h", m.inReplyTo());
    VEvent v = new CalendarBuilder().build(new StringReader(new String(m.attachments().get(0).content(),
        StandardCharsets.UTF_8))).<VEvent>getComponents("VEVENT").get(0);
    assertEquals("CANCELLED", v.getProperty("STATUS").orElseThrow().getValue());
    assertTrue(Integer.parseInt(v.getProperty("SEQUENCE").orElseThrow().getValue()) > original.calendar().sequence());
  }

  @Test
  void aCallHasNoIcsAndADigestListsUpcomingEventsFirst() {
    Publication call = new Publication("01hx4", "grenoble", PublicationKind.CALL, PublicationState.PUBLISHED, "camille",
        "Appel à la grève", null, "x", "<p>Tous en grève</p>", "fr", PUBLISHED, PUBLISHED.plusSeconds(60), null, null,
        List.of(), null, null);
    MailItem callItem = items.toItem(call);
    OutgoingMail m = mails.address(mails.body(callItem, PublicationMailConverter.Purpose.NEW, "fr"),
        subscriber("s1", Locale.FRENCH), "Grenoble", null, null, "publication");
    assertEquals(List.of(), m.attachments());
    assertEquals("Appel à la grève", m.subject());

    MailItem eventItem = items.toItem(event(EventStatus.Scheduled, null));
    OutgoingMail digest = new DigestMailConverter(mails).digest(List.of(callItem, eventItem),
        subscriber("s1", Locale.FRENCH), "Grenoble", "d@h", PUBLISHED.plusSeconds(3600));
    assertEquals("Cette semaine : Grenoble", digest.subject());
    assertTrue(digest.text().indexOf("Manif") < digest.text().indexOf("Appel à la grève"), digest.text());
    assertTrue(digest.text().contains("ÉVÉNEMENTS À VENIR"), digest.text());
    assertEquals("digest", digest.kind());
    assertNull(new DigestMailConverter(mails).digest(List.of(), subscriber("s1", Locale.FRENCH), "G", "d@h",
        PUBLISHED));
  }
}
