package org.coordo.server.data.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.coordo.server.convert.Fixtures;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.junit.jupiter.api.Test;

/** Event records stored while categories were Mobilizon's list are still read, with the nearest Coordo category. */
class LegacyCategoryRecordTest {

  private static byte[] withStoredCategory(String category) {
    JsonObject record = new JsonObject(new String(
        PublicationRecordCodec.encode(Fixtures.event(EventStatus.Scheduled)), StandardCharsets.UTF_8));
    JsonObject event = record.fieldNames().stream().map(record::getValue)
        .filter(v -> v instanceof JsonObject o && o.containsKey("category")).map(JsonObject.class::cast)
        .findFirst().orElseThrow();
    event.put("category", category);
    return record.encode().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRecordStoredWithAMobilizonCategoryIsReadWithTheNearestCoordoCategory() {
    Publication p = PublicationRecordCodec.decode(withStoredCategory("MOVEMENTS_POLITICS"));
    assertEquals(EventCategory.ACTION, p.event().category());
    assertEquals(EventCategory.OTHER,
        PublicationRecordCodec.decode(withStoredCategory("AUTO_BOAT_AIR")).event().category());
  }

  @Test
  void aRecordWithACoordoCategoryRoundTrips() {
    Publication p = PublicationRecordCodec.decode(PublicationRecordCodec.encode(
        Fixtures.event(EventStatus.Scheduled, EventCategory.STRIKE)));
    assertEquals(EventCategory.STRIKE, p.event().category());
  }
}
