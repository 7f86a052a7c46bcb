package org.coordo.server.data.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.junit.jupiter.api.Test;

/** The stored form of received publications: exact round trips, and times read as {@link Instant#parse} reads them. */
class AggregatedItemCodecTest {

  @Test
  void everyFieldSurvivesARoundTripIncludingNonLatinTextAndSubMillisecondTimes() {
    AggregatedItem item = new AggregatedItem("https://lille.example/collectives/lille/events/01J", AggregatedKind.EVENT,
        "lille", "Lille — Fives", "lille.example:8443", "https://lille.example/actors/lille",
        "Réunion « œuvre » — 日本 😀", "Résumé", "<p>Contenu é</p>", "https://lille.example/e/1",
        Instant.parse("2026-11-01T10:00:00.123456789Z"), Instant.parse("2026-11-02T00:00:00.5Z"), 3,
        new AggregatedEvent(Instant.parse("2030-01-10T18:00:00Z"), Instant.parse("2030-01-10T20:30:00.001Z"),
            "Europe/Paris", "Bourse du travail, 1 rue X", 50.63, 3.06, "https://visio.example/x", "Cancelled",
            "MEETING"),
        Instant.parse("2026-11-01T10:00:02Z"));
    assertEquals(item, AggregatedItemCodec.decode(AggregatedItemCodec.encode(item)));
  }

  @Test
  void absentFieldsStayAbsent() {
    AggregatedItem call = new AggregatedItem("https://a.example/c/1", AggregatedKind.CALL, "a", null, null,
        "https://a.example/actors/a", "Appel", null, "", null, Instant.parse("2026-11-01T10:00:00Z"), null, 0, null,
        null);
    assertEquals(call, AggregatedItemCodec.decode(AggregatedItemCodec.encode(call)));
  }

  @Test
  void recordsWrittenWithOtherTimeFormsStillDecode() {
    String stored = "{\"id\":\"https://a.example/e/1\",\"kind\":\"event\",\"city\":\"a\",\"groupId\":\"https://a.example/actors/a\","
        + "\"name\":\"E\",\"contentHtml\":\"\",\"published\":\"+12026-11-01T10:00:00Z\",\"sequence\":0,"
        + "\"event\":{\"startTime\":\"2030-01-10T23:59:60Z\",\"timezone\":\"UTC\",\"eventStatus\":\"Scheduled\"}}";
    AggregatedItem item = AggregatedItemCodec.decode(stored.getBytes(StandardCharsets.UTF_8));
    assertEquals(Instant.parse("+12026-11-01T10:00:00Z"), item.published());
    assertEquals(Instant.parse("2030-01-10T23:59:60Z"), item.event().startTime());
  }

  @Test
  void fastInstantParsingAgreesWithInstantParse() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 20_000; i++) {
      long second = r.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
          Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> r.nextInt(1000) * 1_000_000;
        case 2 -> r.nextInt(1_000_000) * 1000;
        default -> r.nextInt(1_000_000_000);
      };
      Instant t = Instant.ofEpochSecond(second, nanos);
      assertEquals(t, AggregatedItemCodec.instant(t.toString()), t.toString());
    }
    for (String s : List.of("2026-03-14T18:00:00.1Z", "2026-03-14T18:00:00.12345Z", "2024-02-29T00:00:00Z",
        "2026-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z", "2026-03-14T24:00:00Z", "2026-06-30T23:59:60Z")) {
      assertEquals(Instant.parse(s), AggregatedItemCodec.instant(s), s);
    }
  }

  @Test
  void oddInstantsAreReadOrRefusedExactlyAsInstantParseDoes() {
    for (String s : List.of("2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-03-14T24:00:00Z",
        "2026-03-14T24:00:01Z", "2026-03-14T18:00:00.Z", "2026-03-14T18:00:00.1234567890Z", "2026-03-14T18:0x:00Z",
        "2026-03-14 18:00:00Z", "2026-03-14T18:00:00+01:00", "2026-03-14T18:00:00z", "2026-03-14T18:00:61Z",
        "2026-03-14T18:60:00Z", "-0001-01-01T00:00:00Z", "2026-03-14T18:00:00.12a4Z", "")) {
      Object expected;
      try {
        expected = Instant.parse(s);
      } catch (DateTimeParseException e) {
        expected = DateTimeParseException.class;
      }
      Object actual;
      try {
        actual = AggregatedItemCodec.instant(s);
      } catch (DateTimeParseException e) {
        actual = DateTimeParseException.class;
      }
      assertEquals(expected, actual, s);
    }
    assertThrows(DateTimeParseException.class, () -> AggregatedItemCodec.instant("2026-02-30T10:00:00Z"));
  }
}
