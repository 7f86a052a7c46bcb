package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventStatus;
import org.junit.jupiter.api.Test;

/** Categories as they come in from other servers, and a Coordo event's category through its own document. */
class ReceivedCategoryTest {

  @Test
  void aCoordoPeersOwnCategoryIsKept() {
    JsonObject o = new JsonObject().put("category", "MOVEMENTS_POLITICS").put("eventCategory", "STRIKE");
    assertEquals(Optional.of(EventCategory.STRIKE), AggregatedItemConverter.receivedCategory(o));
  }

  @Test
  void aMobilizonCategoryIsMappedBack() {
    assertEquals(Optional.of(EventCategory.ACTION),
        AggregatedItemConverter.receivedCategory(new JsonObject().put("category", "MOVEMENTS_POLITICS")));
    assertEquals(Optional.of(EventCategory.TRAINING),
        AggregatedItemConverter.receivedCategory(new JsonObject().put("category", "LEARNING")));
    assertEquals(Optional.of(EventCategory.OTHER),
        AggregatedItemConverter.receivedCategory(new JsonObject().put("category", "PETS")));
  }

  @Test
  void anUnknownCoordoNameFallsBackToMobilizonsAndNonsenseToNone() {
    assertEquals(Optional.of(EventCategory.MEETING), AggregatedItemConverter.receivedCategory(
        new JsonObject().put("category", "MEETING").put("eventCategory", "FROM_THE_FUTURE")));
    assertEquals(Optional.empty(), AggregatedItemConverter.receivedCategory(new JsonObject().put("category", "<b>")));
    assertEquals(Optional.empty(), AggregatedItemConverter.receivedCategory(new JsonObject().put("category", 3)));
    assertEquals(Optional.empty(), AggregatedItemConverter.receivedCategory(new JsonObject()));
  }

  @Test
  void everyCategorySurvivesItsOwnDocument() {
    PublicationAsConverter as = new PublicationAsConverter(Fixtures.URIS);
    for (EventCategory c : EventCategory.values()) {
      JsonObject doc = as.toDocument(Fixtures.event(EventStatus.Scheduled, c));
      assertEquals(c.mobilizon(), doc.getString("category"));
      assertEquals(Optional.of(c), AggregatedItemConverter.receivedCategory(doc));
    }
  }
}
