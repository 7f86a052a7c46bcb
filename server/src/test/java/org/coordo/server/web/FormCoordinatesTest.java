package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.coordo.server.domain.publication.PublicationKind;
import org.junit.jupiter.api.Test;

class FormCoordinatesTest {

  private static JsonObject location(String lat, String lon) {
    Form f = Form.empty().set("location.latitude", lat).set("location.longitude", lon);
    return EditorPages.document(f, PublicationKind.EVENT).getJsonObject("location");
  }

  @Test
  void frenchDecimalCommasSpacesAndDegreeSignsAreNumbers() {
    JsonObject l = location(" 45,18 ", "5,72°");
    assertEquals(45.18, l.getValue("latitude"));
    assertEquals(5.72, l.getValue("longitude"));
    assertEquals(-0.57, location("44,84", "−0,57").getValue("longitude"), "a typographic minus");
  }

  @Test
  void aPairPastedFromAMapIntoTheLatitudeIsSplit() {
    assertArrayEquals(new String[] {"45.1885", "5.7245"}, FormCoordinates.split("45.1885, 5.7245", ""));
    assertArrayEquals(new String[] {"45,1885", "5,7245"}, FormCoordinates.split("45,1885, 5,7245", ""));
    assertArrayEquals(new String[] {"45,1885", "5,7245"}, FormCoordinates.split("45,1885 5,7245", ""));
    assertArrayEquals(new String[] {"45.1885", "5.7245"}, FormCoordinates.split("45.1885,5.7245", ""));
    assertArrayEquals(new String[] {"45,18", ""}, FormCoordinates.split("45,18", ""), "one French number stays one");
    JsonObject l = location("45,1885, 5,7245", "");
    assertEquals(45.1885, l.getValue("latitude"));
    assertEquals(5.7245, l.getValue("longitude"));
  }

  @Test
  void whatIsNoNumberGoesOnAsTypedForTheConverterToRefuse() {
    assertEquals("45°10′N", location("45°10′N", "5,72").getValue("latitude"));
  }

  @Test
  void refusalsSayWhyInTheReadersLanguage() {
    Form f = Form.empty();
    FieldMessages.apply(f, java.util.Map.of("location.latitude", "must be between -90 and 90",
        "location.longitude", "must be a number between -180 and 180"));
    assertEquals("error.latitudeRange", f.errorKey("location.latitude"));
    assertEquals("error.coordinateNumber", f.errorKey("location.longitude"));
    Form g = Form.empty();
    FieldMessages.apply(g, java.util.Map.of("location.longitude", "latitude and longitude go together"));
    assertEquals("error.coordinates", g.errorKey("location.longitude"));
  }
}
