package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.PublicationInput;
import org.junit.jupiter.api.Test;

class PublicationApiConverterTest {
  private final PublicationApiConverter api = new PublicationApiConverter(Fixtures.URIS);

  private Map<String, String> errors(JsonObject body, PublicationKind kind) {
    NodeError e = assertThrows(NodeError.class, () -> api.parse(body, kind));
    assertEquals(422, e.status());
    return e.fields();
  }

  @Test
  void localTimesAreReadInTheEventsZoneAndStoredAsInstants() {
    PublicationInput in = api.parse(new JsonObject().put("title", "Manif").put("timezone", "Europe/Paris")
        .put("startTime", "2026-07-14T14:00").put("endTime", "2026-07-14T17:00:00+02:00")
        .put("location", new JsonObject().put("name", "Place Grenette").put("address", "Grenoble")), PublicationKind.EVENT);
    assertEquals(Instant.parse("2026-07-14T12:00:00Z"), in.event().startTime());
    assertEquals(Instant.parse("2026-07-14T15:00:00Z"), in.event().endTime());
    assertEquals(EventStatus.Scheduled, in.event().status());
    assertEquals("fr", in.language());
  }

  @Test
  void endBeforeStartIsRefusedOnTheEndTimeField() {
    Map<String, String> fields = errors(new JsonObject().put("title", "Manif").put("timezone", "Europe/Paris")
        .put("startTime", "2026-07-14T14:00").put("endTime", "2026-07-14T13:00"), PublicationKind.EVENT);
    assertEquals(Map.of("endTime", "must be after startTime"), fields);
  }

  @Test
  void everyWrongFieldIsReportedOnce() {
    Map<String, String> fields = errors(new JsonObject().put("title", 5).put("language", "not a tag!")
        .put("timezone", "Mars/Olympus").put("startTime", "tomorrow").put("eventStatus", "Maybe")
        .put("category", "FUN").put("attachments", new JsonArray().add("nothex"))
        .put("location", new JsonObject().put("latitude", 91).put("url", "ftp://x")), PublicationKind.EVENT);
    for (String f : new String[] {"title", "language", "timezone", "startTime", "eventStatus", "category",
        "attachments[0]", "location.latitude", "location.url"}) {
      assertTrue(fields.containsKey(f), f + " in " + fields);
    }
  }

  @Test
  void theApiTakesCoordoCategoriesAndStillReadsMobilizonOnes() {
    JsonObject base = new JsonObject().put("title", "Grève").put("timezone", "Europe/Paris")
        .put("startTime", "2026-07-14T14:00").put("location", new JsonObject().put("name", "Dépôt"));
    assertEquals(EventCategory.STRIKE, api.parse(base.copy().put("category", "STRIKE"), PublicationKind.EVENT)
        .event().category());
    assertEquals(EventCategory.ACTION, api.parse(base.copy().put("category", "MOVEMENTS_POLITICS"),
        PublicationKind.EVENT).event().category());
    String refusal = errors(base.copy().put("category", "FUN"), PublicationKind.EVENT).get("category");
    assertTrue(refusal.contains("GENERAL_ASSEMBLY"), refusal);
  }

  @Test
  void requiredFieldsPerKind() {
    assertEquals(Map.of("title", "is required", "content", "is required"), errors(new JsonObject(), PublicationKind.CALL));
    assertTrue(errors(new JsonObject().put("title", "AG"), PublicationKind.MINUTES).containsKey("assemblyDate"));
    Map<String, String> ev = errors(new JsonObject().put("title", "x"), PublicationKind.EVENT);
    assertTrue(ev.containsKey("timezone") && ev.containsKey("startTime"), ev.toString());
  }

  @Test
  void minutesFields() {
    PublicationInput in = api.parse(new JsonObject().put("title", "AG").put("assemblyDate", "2026-03-07")
        .put("decisions", new JsonArray().add("Grève")).put("language", "en"), PublicationKind.MINUTES);
    assertEquals("2026-03-07", in.minutes().assemblyDate().toString());
    assertEquals("en", in.language());
    assertNull(in.event());
  }
}
