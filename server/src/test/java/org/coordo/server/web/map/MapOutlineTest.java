package org.coordo.server.web.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MapOutlineTest {
  private static final MapOutline FRANCE = MapOutline.france();
  private static final Pattern PAIR = Pattern.compile("(-?[0-9.]+),(-?[0-9.]+)");

  private static MapOutline.Point at(double lat, double lon) {
    return FRANCE.project(lat, lon).orElseThrow(() -> new AssertionError(lat + "," + lon + " should be on the map"));
  }

  /** The bounding box of the outline's own path data: [minX, minY, maxX, maxY]. */
  private static double[] outlineBox() {
    double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    Matcher m = PAIR.matcher(FRANCE.path());
    int n = 0;
    while (m.find()) {
      double x = Double.parseDouble(m.group(1));
      double y = Double.parseDouble(m.group(2));
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
      n++;
    }
    assertTrue(n > 100, "the outline has a real shape, " + n + " points");
    return box;
  }

  private static void assertInsideOutlineBox(String city, MapOutline.Point p) {
    double[] box = outlineBox();
    assertTrue(p.x() > box[0] && p.x() < box[2] && p.y() > box[1] && p.y() < box[3],
        city + " at " + p + " lies inside the outline's box " + java.util.Arrays.toString(box));
  }

  @Test
  void shippedOutlineCarriesItsProjectionAndSource() {
    assertEquals(-5.5, FRANCE.west());
    assertEquals(46.5, FRANCE.parallel());
    assertTrue(FRANCE.source().contains("Natural Earth"), FRANCE.source());
    assertTrue(FRANCE.path().startsWith("M") && FRANCE.path().endsWith("Z"));
    double[] box = outlineBox();
    assertTrue(box[0] >= 0 && box[1] >= 0 && box[2] <= FRANCE.width() && box[3] <= FRANCE.height(),
        "the outline fits its view box");
  }

  @Test
  void knownCitiesLandInsideTheOutlineInTheirRelativePlaces() {
    MapOutline.Point grenoble = at(45.19, 5.72);
    MapOutline.Point lille = at(50.63, 3.06);
    MapOutline.Point brest = at(48.39, -4.49);
    MapOutline.Point strasbourg = at(48.58, 7.75);
    MapOutline.Point ajaccio = at(41.93, 8.74);
    assertInsideOutlineBox("Grenoble", grenoble);
    assertInsideOutlineBox("Lille", lille);
    assertInsideOutlineBox("Brest", brest);
    assertInsideOutlineBox("Strasbourg", strasbourg);
    assertInsideOutlineBox("Ajaccio", ajaccio);
    assertTrue(lille.y() < grenoble.y(), "Lille is north of Grenoble (smaller y)");
    assertTrue(brest.x() < strasbourg.x(), "Brest is west of Strasbourg");
    assertTrue(ajaccio.y() > grenoble.y() && ajaccio.x() > grenoble.x(), "Ajaccio is south-east of Grenoble");
    // The same parallel gives the same y; a degree of longitude is cos(46.5°) of a degree of latitude.
    assertEquals(brest.y(), at(48.39, 2.35).y(), 1e-9);
    double degreeLon = at(46.5, 3).x() - at(46.5, 2).x();
    double degreeLat = at(46.5, 2).y() - at(47.5, 2).y();
    assertEquals(Math.cos(Math.toRadians(46.5)), degreeLon / degreeLat, 1e-9);
  }

  @Test
  void pointsOffTheMapOrNotNumbersHaveNoPlace() {
    assertTrue(FRANCE.project(16.24, -61.53).isEmpty(), "Guadeloupe is listed beside the map");
    assertTrue(FRANCE.project(-21.11, 55.53).isEmpty(), "La Réunion");
    assertTrue(FRANCE.project(40.42, -3.70).isEmpty(), "Madrid");
    assertTrue(FRANCE.project(Double.NaN, 2.35).isEmpty());
    assertTrue(FRANCE.project(48.85, Double.POSITIVE_INFINITY).isEmpty());
    assertTrue(FRANCE.project(null, 2.35).isEmpty());
    assertTrue(FRANCE.project(48.85, null).isEmpty());
    assertTrue(FRANCE.project(91.0, 2.35).isEmpty());
    assertTrue(FRANCE.project(48.85, -181.0).isEmpty());
    assertFalse(FRANCE.project(48.85, 2.35).isEmpty(), "Paris is on it");
  }

  @Test
  void refusesNonsenseConstants() {
    assertThrows(IllegalArgumentException.class,
        () -> new MapOutline("M0,0Z", 10, 10, 5, -5, 41, 51, 46.5, 60, "x"));
    assertThrows(IllegalArgumentException.class,
        () -> new MapOutline("M0,0Z", 10, 10, -5, 5, 41, 51, 46.5, 0, "x"));
  }

  /** A thing to place, with or without coordinates. */
  private record Pin(String name, Double lat, Double lon) {}

  @Test
  void markersOfOneCityAreSpreadApartAndOffMapItemsListedApart() {
    List<Pin> items = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      items.add(new Pin("grenoble" + i, 45.19 + i * 0.001, 5.72));
    }
    items.add(new Pin("lille", 50.63, 3.06));
    items.add(new Pin("pointe-a-pitre", 16.24, -61.53));
    items.add(new Pin("nowhere", null, null));
    MarkerLayout.Layout<Pin> layout = MarkerLayout.layout(FRANCE, items, i -> new Double[] {i.lat(), i.lon()});
    assertEquals(13, layout.placed().size());
    assertEquals(List.of("pointe-a-pitre", "nowhere"), layout.offMap().stream().map(Pin::name).toList());
    List<MarkerLayout.Placed<Pin>> grenoble = layout.placed().subList(0, 12);
    MapOutline.Point centre = at(45.19, 5.72);
    for (int a = 0; a < grenoble.size(); a++) {
      MarkerLayout.Placed<Pin> p = grenoble.get(a);
      assertEquals("grenoble" + a, p.item().name());
      assertTrue(Math.hypot(p.x() - centre.x(), p.y() - centre.y()) < 40, "stays near its city");
      for (int b = a + 1; b < grenoble.size(); b++) {
        MarkerLayout.Placed<Pin> q = grenoble.get(b);
        assertTrue(Math.hypot(p.x() - q.x(), p.y() - q.y()) >= 2 * MarkerLayout.RADIUS,
            "markers " + a + " and " + b + " do not overlap");
      }
    }
    MarkerLayout.Placed<Pin> lille = layout.placed().get(12);
    MapOutline.Point l = at(50.63, 3.06);
    assertEquals(l.x(), lille.x(), 1e-9, "a lone marker sits on its point");
    assertEquals(l.y(), lille.y(), 1e-9);
    assertEquals(SvgNumbers.format(l.x()), lille.cx());
  }

  @Test
  void svgNumbersIgnoreTheLocale() {
    java.util.Locale before = java.util.Locale.getDefault();
    try {
      java.util.Locale.setDefault(java.util.Locale.FRANCE);
      assertEquals("12.3", SvgNumbers.format(12.345));
      assertEquals("640.2", SvgNumbers.format(640.2));
      assertEquals("0", SvgNumbers.format(0.0));
    } finally {
      java.util.Locale.setDefault(before);
    }
  }
}
