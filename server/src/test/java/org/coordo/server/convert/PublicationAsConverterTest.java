package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.junit.jupiter.api.Test;

class PublicationAsConverterTest {
  private static final String GROUP = "https://grenoble.example/actors/grenoble";
  private final PublicationAsConverter as = new PublicationAsConverter(Fixtures.URIS);
  private final PublicationActivities activities = new PublicationActivities(as);

  @Test
  void eventIsAnFep8a8eEvent() {
    JsonObject doc = as.toDocument(Fixtures.event(EventStatus.Scheduled));
    AsValidator.document(doc, "Event");
    AsValidator.publication(doc, "Event", GROUP);
    assertEquals("https://grenoble.example/collectives/grenoble/events/01evt", doc.getString("id"));
    assertEquals("2026-03-14T14:00:00+01:00", doc.getString("startTime"));
    assertEquals("2026-03-14T17:00:00+01:00", doc.getString("endTime"));
    assertEquals("Europe/Paris", doc.getString("timezone"));
    assertEquals("Scheduled", doc.getString("eventStatus"));
    assertEquals("MOVEMENTS_POLITICS", doc.getString("category"), "Mobilizon's list on the wire");
    assertEquals("DEMONSTRATION", doc.getString("eventCategory"), "and Coordo's own, for Coordo peers");
    JsonObject place = doc.getJsonObject("location");
    assertEquals("Place", place.getString("type"));
    assertEquals("Grenoble", place.getJsonObject("address").getString("addressLocality"));
    assertEquals(45.1885, place.getDouble("latitude"));
    assertTrue(doc.getString("summary").startsWith("samedi 14 mars 2026 · 14:00"));
    assertEquals(doc.getString("summary"), doc.getJsonObject("summaryMap").getString("fr"));
    assertEquals(doc.getString("content"), doc.getJsonObject("contentMap").getString("fr"));
    JsonObject terms = doc.getJsonArray("@context").getJsonObject(2);
    for (String term : new String[] {"timezone", "eventStatus", "category", "eventCategory", "PostalAddress", "organizers"}) {
      assertTrue(terms.containsKey(term), "context declares " + term);
    }
  }

  @Test
  void everyEventAndTombstoneDateTimeCarriesItsSecondsWhateverTheZone() {
    Publication event = Fixtures.event(EventStatus.Scheduled);
    Publication elsewhere = new Publication(event.id(), event.collective(), event.kind(), event.state(),
        event.authorName(), event.title(), event.summaryText(), event.contentSource(), event.contentHtml(),
        event.language(), event.createdAt(), event.publishedAt(), event.updatedAt(), event.deletedAt(),
        event.attachments(), event.minutes(), new org.coordo.server.domain.publication.EventDetails(
            Instant.parse("2027-01-16T16:00:00Z"), Instant.parse("2027-01-16T17:30:00.250Z"),
            java.time.ZoneId.of("America/Montreal"), null, EventStatus.Scheduled, null));
    JsonObject doc = as.toDocument(elsewhere);
    assertEquals("2027-01-16T11:00:00-05:00", doc.getString("startTime"));
    assertEquals("2027-01-16T12:30:00-05:00", doc.getString("endTime"));
    assertEquals("2026-03-01T10:00:00Z", doc.getString("published"));
    AsValidator.document(doc, "Event");
  }

  @Test
  void callIsAnArticleWithAttachmentsAndMarkdownSource() {
    JsonObject doc = as.toDocument(Fixtures.call());
    AsValidator.document(doc, "Article");
    AsValidator.publication(doc, "Article", GROUP);
    assertEquals(2, doc.getJsonArray("attachment").size());
    JsonObject img = doc.getJsonArray("attachment").getJsonObject(0);
    assertEquals("Image", img.getString("type"));
    assertEquals("image/png", img.getString("mediaType"));
    assertEquals("Affiche", img.getString("name"));
    assertEquals("https://grenoble.example/media/" + "a".repeat(64) + ".png", img.getString("url"));
    assertEquals("Document", doc.getJsonArray("attachment").getJsonObject(1).getString("type"));
    assertEquals("text/markdown", doc.getJsonObject("source").getString("mediaType"));
    assertTrue(doc.getJsonArray("attributedTo").contains("https://grenoble.example/actors/alice"));
  }

  @Test
  void minutesCarryTheirDecisionsInContentForReadersThatIgnoreOurTerms() {
    JsonObject doc = as.toDocument(Fixtures.minutes());
    AsValidator.publication(doc, "Article", GROUP);
    assertEquals("2026-03-07", doc.getString("assemblyDate"));
    assertTrue(doc.getString("content").contains("<li>Caisse de grève &lt;ouverte&gt;</li>"), doc.getString("content"));
    assertTrue(doc.getString("content").contains("32 présents"));
  }

  @Test
  void deletedPublicationIsATombstone() {
    Publication gone = Fixtures.call().tombstone(Instant.parse("2026-03-02T00:00:00Z"));
    JsonObject doc = as.toDocument(gone);
    AsValidator.document(doc, "Tombstone");
    assertEquals("Article", doc.getString("formerType"));
    assertEquals("2026-03-02T00:00:00Z", doc.getString("deleted"));
    assertFalse(doc.containsKey("content"));
  }

  @Test
  void activitiesAreTheGroupsAndTheAnnouncesWrapTheCreateAndBoostTheObject() {
    Publication p = Fixtures.call();
    JsonObject create = activities.create(URI.create("https://grenoble.example/activities/c1"), p);
    AsValidator.document(create, "Create");
    assertEquals(GROUP, create.getString("actor"));
    AsValidator.publication(create.getJsonObject("object"), "Article", GROUP);
    JsonObject wrapped = activities.announceActivity(URI.create("https://grenoble.example/activities/a1"), p, create);
    assertEquals("Create", wrapped.getJsonObject("object").getString("type"));
    assertFalse(wrapped.getJsonObject("object").containsKey("@context"));
    JsonObject boost = activities.announceObject(URI.create("https://grenoble.example/activities/a2"), p);
    assertEquals("https://grenoble.example/collectives/grenoble/calls/01call", boost.getString("object"));
  }

  @Test
  void noActivityIsEverBuiltForAMembersOnlyPublication() {
    Publication p = Fixtures.call().withAudience(org.coordo.server.domain.Audience.MEMBERS);
    URI id = URI.create("https://grenoble.example/activities/x");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> activities.create(id, p));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> activities.update(id, p));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> activities.announceObject(id, p));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> activities.delete(id, p.tombstone(Instant.parse("2026-03-02T00:00:00Z"))));
  }
}
