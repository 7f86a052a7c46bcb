package org.coordo.server.convert;

import org.coordo.server.convert.AggregatedItemConverter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.text.HtmlSanitizer;
import org.junit.jupiter.api.Test;

/** Remote ActivityStreams objects → aggregated items: kinds, lenient reading, sanitising, bounds. */
class AggregatedItemConverterTest {
  static final AggregatedItemConverter.Group GROUP =
      new AggregatedItemConverter.Group("https://lille.example/actors/lille", "Lille", "Collectif <b>Lille</b>");
  final AggregatedItemConverter converter = new AggregatedItemConverter(new HtmlSanitizer());
  final Instant now = Instant.parse("2026-11-24T00:00:00Z");

  @Test
  void kindsComeFromTheTypeAndCoordoTerms() {
    JsonObject article = new JsonObject().put("id", "https://lille.example/o/1").put("type", "Article").put("name", "A");
    assertEquals(AggregatedKind.CALL, converter.toItem(article, GROUP, now).orElseThrow().kind());
    assertEquals(AggregatedKind.MINUTES, converter.toItem(article.copy().put("publicationKind", "minutes"), GROUP, now)
        .orElseThrow().kind());
    assertEquals(AggregatedKind.MINUTES, converter.toItem(article.copy().put("assemblyDate", "2026-11-20"), GROUP, now)
        .orElseThrow().kind());
    assertTrue(converter.toItem(article.copy().put("type", "Note"), GROUP, now).isEmpty());
    assertTrue(converter.toItem(article.copy().put("type", "Event"), GROUP, now).isEmpty(), "an event needs a start");
  }

  @Test
  void eventsAreReadLenientlyAndTextIsSanitised() {
    JsonObject ev = new JsonObject().put("id", "https://lille.example/o/2").put("type", "Event")
        .putNull("name").put("summaryMap", new JsonObject().put("fr", "<p>Réunion <b>publique</b></p>"))
        .put("content", "<p onclick=\"x()\">Salut<script>alert(1)</script></p>")
        .put("url", new JsonArray().add("javascript:alert(1)").add(new JsonObject().put("href", "https://lille.example/p/2")))
        .put("startTime", "2030-01-10T18:00:00+01:00").put("endTime", "2030-01-10T17:00:00+01:00")
        .put("timezone", "Mars/Olympus").put("ical:status", "CANCELLED").put("category", "meeting")
        .put("location", new JsonArray()
            .add(new JsonObject().put("type", "VirtualLocation").put("url", "https://visio.example/r"))
            .add(new JsonObject().put("type", "Place").put("name", "Maison Folie").put("address", "70 rue des Sarrazins")
                .put("latitude", 50.6).put("longitude", 3.0)));
    AggregatedItem item = converter.toItem(ev, GROUP, now).orElseThrow();
    assertEquals("Réunion publique", item.name());
    assertEquals("<p>Salut</p>", item.contentHtml());
    assertEquals("https://lille.example/p/2", item.url());
    assertEquals(Instant.parse("2030-01-10T17:00:00Z"), item.event().startTime());
    assertNull(item.event().endTime(), "an end before the start is dropped");
    assertEquals("+01:00", item.event().timezone());
    assertEquals("Cancelled", item.event().eventStatus());
    assertEquals("MEETING", item.event().category());
    assertEquals("Maison Folie, 70 rue des Sarrazins", item.event().location());
    assertEquals("https://visio.example/r", item.event().onlineUrl());
    assertEquals(50.6, item.event().latitude());
    assertEquals("lille", item.city());
    assertEquals("Collectif Lille", item.cityName());
    assertEquals("lille.example", item.host());
    assertEquals(now, item.published(), "no published date: the reception time");
  }
}
