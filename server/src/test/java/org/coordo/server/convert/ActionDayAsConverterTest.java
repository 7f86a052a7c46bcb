package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.domain.publication.ActionDay;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;
import org.coordo.server.text.HtmlSanitizer;
import org.junit.jupiter.api.Test;

/** Days of action in ActivityStreams, both ways: what Coordo writes it reads back; bad values are skipped. */
class ActionDayAsConverterTest {
  static final String DAY = "https://national.example/collectives/national/calls/01day";
  static final AggregatedItemConverter.Group GROUP =
      new AggregatedItemConverter.Group("https://grenoble.example/actors/grenoble", "grenoble", "Grenoble");
  final PublicationAsConverter as = new PublicationAsConverter(Fixtures.URIS);
  final AggregatedItemConverter received = new AggregatedItemConverter(new HtmlSanitizer());
  final Instant now = Instant.parse("2026-10-01T00:00:00Z");

  static Publication dayCall(ActionDay day) {
    Publication c = Fixtures.call();
    return new Publication(c.id(), c.collective(), PublicationKind.CALL, PublicationState.PUBLISHED, c.authorName(),
        c.title(), null, c.contentSource(), c.contentHtml(), "fr", c.createdAt(), c.publishedAt(), null, null,
        c.attachments(), null, null, false, c.audience(), day);
  }

  @Test
  void aDayOfActionCarriesItsDaysThemeAndSpanAndIsReadBack() {
    ActionDay day = new ActionDay(LocalDate.parse("2026-10-09"), LocalDate.parse("2026-10-10"), "Retraites",
        ZoneId.of("Europe/Paris"));
    JsonObject doc = as.toDocument(dayCall(day));
    AsValidator.document(doc, "Article");
    JsonObject d = doc.getJsonObject("actionDay");
    assertEquals("ActionDay", d.getString("type"));
    assertEquals("2026-10-09", d.getString("firstDay"));
    assertEquals("2026-10-10", d.getString("lastDay"));
    assertEquals("Retraites", d.getString("theme"));
    assertEquals("2026-10-09T00:00:00+02:00", doc.getString("startTime"));
    assertEquals("2026-10-11T00:00:00+02:00", doc.getString("endTime"));
    JsonObject terms = doc.getJsonArray("@context").getJsonObject(2);
    for (String term : new String[] {"actionDay", "ActionDay", "firstDay", "lastDay", "theme", "partOfActionDay"}) {
      assertTrue(terms.containsKey(term), "context declares " + term);
    }
    AggregatedItem item = received.toItem(doc, GROUP, now).orElseThrow();
    assertEquals(AggregatedKind.CALL, item.kind(), "still a call for every reader");
    assertEquals(day, item.actionDay());
  }

  @Test
  void anEventCarriesItsDayAsContextAndAsACoordoTermAndIsReadBack() {
    Publication event = Fixtures.event(EventStatus.Scheduled);
    event = event.withEvent(event.event().withActionDay(DAY));
    JsonObject doc = as.toDocument(event);
    AsValidator.event(doc);
    assertEquals(DAY, doc.getString("context"));
    assertEquals(DAY, doc.getString("partOfActionDay"));
    assertEquals(DAY, received.toItem(doc, GROUP, now).orElseThrow().event().actionDay());
    JsonObject plain = as.toDocument(Fixtures.event(EventStatus.Scheduled));
    assertTrue(!plain.containsKey("context") && !plain.containsKey("partOfActionDay"), "no link, no property");
  }

  @Test
  void badContextValuesAreIgnoredNotFatal() {
    JsonObject event = as.toDocument(Fixtures.event(EventStatus.Scheduled));
    for (Object bad : new Object[] {42, "", "javascript:alert(1)", "pas une adresse", new JsonArray().add(DAY),
        new JsonObject().put("type", "Collection"), "https://x.example/" + "a".repeat(3000), true}) {
      JsonObject doc = event.copy().put("context", bad);
      AggregatedItem item = received.toItem(doc, GROUP, now).orElseThrow(() -> new AssertionError("dropped: " + bad));
      assertNull(item.event().actionDay(), "ignored: " + bad);
      assertEquals(Optional.empty(), ActionDayAsConverter.readLink(doc.copy().put("partOfActionDay", bad)));
    }
    // a conversation given as an object with an id is read as a link; the reader checks it names a day it knows
    assertEquals(Optional.of(DAY), ActionDayAsConverter.readLink(new JsonObject()
        .put("context", new JsonObject().put("id", DAY).put("type", "OrderedCollection"))));
    // the Coordo term wins over context
    assertEquals(Optional.of(DAY), ActionDayAsConverter.readLink(new JsonObject()
        .put("context", "https://forum.example/t/1").put("partOfActionDay", DAY)));
  }

  @Test
  void badDayDetailsLeaveAPlainCall() {
    JsonObject call = as.toDocument(dayCall(new ActionDay(LocalDate.parse("2026-10-09"), null, "Retraites",
        ZoneId.of("Europe/Paris"))));
    for (JsonObject bad : new JsonObject[] {
        new JsonObject().put("firstDay", "2026-10-09").put("lastDay", "2026-10-01").put("theme", "x"),
        new JsonObject().put("firstDay", "09/10/2026").put("theme", "x"),
        new JsonObject().put("firstDay", "2026-10-09").put("lastDay", 3).put("theme", "x"),
        new JsonObject().put("firstDay", "2026-10-09").put("theme", "x".repeat(500)),
        new JsonObject().put("firstDay", "2026-10-09").put("theme", "x").put("timezone", "Mars/Olympus"),
        new JsonObject().put("firstDay", 20261009).put("theme", "x"),
        new JsonObject().put("theme", "x")}) {
      AggregatedItem item = received.toItem(call.copy().put("actionDay", bad), GROUP, now).orElseThrow();
      assertEquals(AggregatedKind.CALL, item.kind());
      assertNull(item.actionDay(), bad.encode());
    }
    assertNull(received.toItem(call.copy().put("actionDay", "2026-10-09"), GROUP, now).orElseThrow().actionDay());
  }
}
