package org.coordo.server.feeds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneUpdater;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import org.junit.jupiter.api.Test;

class IcsWriterTest {
  private final IcsWriter writer = new IcsWriter("9.9.9");

  private static Calendar parse(byte[] bytes) throws Exception {
    return new CalendarBuilder().build(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
  }

  private static String prop(net.fortuna.ical4j.model.Component c, String name) {
    return c.getProperty(name).map(Property::getValue).orElse(null);
  }

  private static VEvent event(Calendar cal, String uid) {
    return cal.<VEvent>getComponents("VEVENT").stream()
        .filter(e -> uid.equals(prop(e, "UID"))).findFirst().orElseThrow();
  }

  @Test
  void calendarParsesBackWithHeaderUidSequenceAndStatus() throws Exception {
    byte[] bytes = writer.calendar("Coordo Grenoble, agenda", List.of(FeedFixtures.event(), FeedFixtures.cancelled()));
    Calendar cal = parse(bytes);
    assertEquals("-//Coordo//Coordo 9.9.9//FR", cal.getProperty("PRODID").orElseThrow().getValue());
    assertEquals("2.0", cal.getProperty("VERSION").orElseThrow().getValue());
    assertEquals("GREGORIAN", cal.getProperty("CALSCALE").orElseThrow().getValue());
    assertEquals("PUBLISH", cal.getProperty("METHOD").orElseThrow().getValue());
    assertEquals("Coordo Grenoble, agenda", cal.getProperty("X-WR-CALNAME").orElseThrow().getValue());
    assertEquals(2, cal.getComponents("VEVENT").size());

    VEvent first = event(cal, FeedFixtures.event().uid().toString());
    assertEquals("2", prop(first, "SEQUENCE"));
    assertEquals("CONFIRMED", prop(first, "STATUS"));
    assertEquals(FeedFixtures.event().url().toString(), prop(first, "URL"));
    assertEquals("45.1911;5.7263", prop(first, "GEO"));
    assertEquals("Place Grenette, 38000 Grenoble", prop(first, "LOCATION"));
    assertEquals("MEETING,CAUSES", prop(first, "CATEGORIES"));
    assertEquals("20260302T184510Z", prop(first, "LAST-MODIFIED"));
    assertEquals("20260301T093000Z", prop(first, "CREATED"));
    assertEquals("20260302T184510Z", prop(first, "DTSTAMP"), "DTSTAMP is the last change: stable bytes");
    assertEquals(FeedFixtures.event().organizerUrl().toString(), prop(first, "ORGANIZER"));
    assertEquals("Coordo Grenoble",
        first.getProperty("ORGANIZER").orElseThrow().getParameter("CN").orElseThrow().getValue());

    VEvent cancelled = event(cal, FeedFixtures.cancelled().uid().toString());
    assertEquals("CANCELLED", prop(cancelled, "STATUS"));
    assertEquals("5", prop(cancelled, "SEQUENCE"));
    assertFalse(cancelled.getProperty("DTEND").isPresent());
    assertFalse(cancelled.getProperty("ORGANIZER").isPresent());
  }

  @Test
  void startCarriesTzidEuropeParisAndTheMatchingVtimezone() throws Exception {
    byte[] bytes = writer.calendar("agenda", List.of(FeedFixtures.event(), FeedFixtures.cancelled()));
    String text = new String(bytes, StandardCharsets.UTF_8);
    // 13:00Z on 14 March 2026 is 14:00 in Paris (CET, +01:00); 18:00Z on 1 July is 20:00 (CEST, +02:00).
    assertTrue(text.contains("DTSTART;TZID=Europe/Paris:20260314T140000\r\n"), text);
    assertTrue(text.contains("DTEND;TZID=Europe/Paris:20260314T173000\r\n"), text);
    assertTrue(text.contains("DTSTART;TZID=Europe/Paris:20260701T200000\r\n"), text);

    Calendar cal = parse(bytes);
    List<VTimeZone> zones = cal.getComponents("VTIMEZONE");
    assertEquals(1, zones.size(), "one VTIMEZONE per zone used");
    assertEquals("Europe/Paris", prop(zones.get(0), "TZID"));
    assertTrue(text.indexOf("BEGIN:VTIMEZONE") < text.indexOf("BEGIN:VEVENT"), "zones come first");

    DtStart<Temporal> start = event(cal, FeedFixtures.event().uid().toString()).getStartDate().orElseThrow();
    assertEquals("Europe/Paris", start.getParameter("TZID").orElseThrow().getValue());
    assertEquals(FeedFixtures.event().start(), Instant.from(start.getDate()));
    DtStart<Temporal> summer = event(cal, FeedFixtures.cancelled().uid().toString()).getStartDate().orElseThrow();
    assertEquals(FeedFixtures.cancelled().start(), Instant.from(summer.getDate()));
  }

  @Test
  void textIsEscapedAndLongLinesFolded() throws Exception {
    String longName = "Rencontre " + "très longue ".repeat(20) + "fin";
    CalendarEvent e = FeedFixtures.event();
    CalendarEvent longOne = new CalendarEvent(e.uid(), e.url(), longName, e.description(), e.start(), e.end(),
        e.timezone(), e.location(), e.latitude(), e.longitude(), e.status(), e.sequence(), e.created(),
        e.lastModified(), List.of("a,b", "c;d"), e.organizerName(), e.organizerUrl());
    byte[] bytes = writer.single(longOne);
    String text = new String(bytes, StandardCharsets.UTF_8);
    String unfolded = text.replace("\r\n ", "");

    assertTrue(unfolded.contains("DESCRIPTION:Première ligne\\, avec virgule\\; et point-virgule\\nDeuxième ligne \\\\ antislash"),
        text);
    assertTrue(unfolded.contains("CATEGORIES:a\\,b,c\\;d"), text);
    for (String line : text.split("\r\n")) {
      assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "folded at 75 octets: " + line);
    }
    assertTrue(text.contains("\r\n "), "continuation lines start with a space");
    assertFalse(text.replace("\r\n", "").contains("\n"), "only CRLF line ends");

    VEvent back = parse(bytes).<VEvent>getComponents("VEVENT").get(0);
    assertEquals(longName, prop(back, "SUMMARY"));
    assertEquals(e.description(), prop(back, "DESCRIPTION"));
    assertFalse(text.contains("X-WR-CALNAME"), "a single event is added to the reader's own calendar");
  }

  @Test
  void controlCharactersAreDroppedAndLineBreaksKept() throws Exception {
    CalendarEvent e = FeedFixtures.event();
    CalendarEvent dirty = new CalendarEvent(e.uid(), null, "A\u0000B\u0007C", "one\r\ntwo\rthree", e.start(), null,
        e.timezone(), null, null, null, e.status(), 0, null, null, List.of(), null, null);
    VEvent back = parse(writer.single(dirty)).<VEvent>getComponents("VEVENT").get(0);
    assertEquals("ABC", prop(back, "SUMMARY"));
    assertEquals("one\ntwo\nthree", prop(back, "DESCRIPTION"));
    assertEquals(prop(back, "DTSTART").length(), "20260314T140000".length());
  }

  @Test
  void zonesIcal4jCannotNameAreWrittenInUtc() throws Exception {
    CalendarEvent e = FeedFixtures.event();
    for (ZoneId zone : List.of(ZoneOffset.ofHours(2), ZoneId.of("UTC"))) {
      CalendarEvent offset = new CalendarEvent(e.uid(), null, "x", null, e.start(), e.end(), zone, null, null, null,
          e.status(), 0, null, null, List.of(), null, null);
      String text = new String(writer.single(offset), StandardCharsets.UTF_8);
      assertTrue(text.contains("DTSTART:20260314T130000Z\r\n"), text);
      assertFalse(text.contains("VTIMEZONE"), text);
    }
  }

  @Test
  void foldingCountsOctetsAndNeverSplitsACharacter() throws Exception {
    CalendarEvent e = FeedFixtures.event();
    String name = "é".repeat(50) + "😀".repeat(30) + "fin";
    CalendarEvent wide = new CalendarEvent(e.uid(), null, name, null, e.start(), null, e.timezone(), null, null, null,
        e.status(), 0, null, null, List.of(), null, null);
    byte[] bytes = writer.single(wide);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertFalse(text.contains("\uFFFD"), "no broken character");
    for (String line : text.split("\r\n")) {
      assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 75, "at most 75 octets: " + line);
    }
    assertEquals(name, prop(parse(bytes).<VEvent>getComponents("VEVENT").get(0), "SUMMARY"));
  }

  @Test
  void outputPassesIcal4jValidation() throws Exception {
    CalendarEvent c = FeedFixtures.cancelled();
    CalendarEvent organised = new CalendarEvent(c.uid(), c.url(), c.name(), c.description(), c.start(), c.end(),
        c.timezone(), c.location(), c.latitude(), c.longitude(), c.status(), c.sequence(), c.created(),
        c.lastModified(), c.categories(), "Coordo", FeedFixtures.BASE);
    var result = parse(writer.calendar("agenda", List.of(FeedFixtures.event(), organised))).validate();
    assertFalse(result.hasErrors(), result.toString());
    // iTIP (RFC 5546) wants an ORGANIZER in every PUBLISHed VEVENT: without one, validation says so.
    assertTrue(parse(writer.single(c)).validate().hasErrors());
  }

  @Test
  void bytesAreWhatIcal4jsOutputterGivesRefoldedByOctets() throws Exception {
    CalendarEvent e = FeedFixtures.event();
    CalendarEvent wide = new CalendarEvent(URI.create(FeedFixtures.BASE + "/e/wide"), e.url(),
        "Réunion « très » longue — " + "é😀".repeat(40), "x".repeat(74) + "é" + "y".repeat(200), e.start(), e.end(),
        e.timezone(), "Bourse du travail, " + "rue ".repeat(30) + "fin", 45.0, 5.0, e.status(), 1, e.created(),
        e.lastModified(), List.of("MEETING"), "Coordo — Grenoble", FeedFixtures.BASE);
    byte[] bytes = writer.calendar("Agenda national : " + "é".repeat(80), List.of(e, FeedFixtures.cancelled(), wide));
    java.io.StringWriter viaOutputter = new java.io.StringWriter();
    new net.fortuna.ical4j.data.CalendarOutputter(false).output(parse(bytes), viaOutputter);
    assertEquals(IcsFolding.refold(viaOutputter.toString()), new String(bytes, StandardCharsets.UTF_8));
  }

  @Test
  void sameEventsGiveSameBytes() {
    assertArrayEquals(writer.calendar("a", List.of(FeedFixtures.event())),
        new IcsWriter("9.9.9").calendar("a", List.of(FeedFixtures.event())));
  }

  @Test
  void timeZoneUpdatesFromTheNetworkAreOffEvenWhenAskedFor() {
    String key = "net.fortuna.ical4j.timezone.update.enabled";
    String before = System.getProperty(key);
    System.setProperty(key, "true");
    try {
      // ical4j.properties on the classpath wins over system properties.
      assertFalse(new TimeZoneUpdater().isEnabled());
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
