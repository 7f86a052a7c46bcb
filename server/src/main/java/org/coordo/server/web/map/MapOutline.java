package org.coordo.server.web.map;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The outline of metropolitan France and Corsica shipped with Coordo ({@value #RESOURCE}, made by
 * {@code server/src/main/map-source/generate-france.mjs} from Natural Earth, public domain) and the
 * projection it was drawn with, which places events on it: equirectangular, scaled by the cosine of
 * a parallel,
 * <pre>
 *   x = (lon - west) * cos(parallel) * scale
 *   y = (north - lat) * scale
 * </pre>
 * with the constants read from the same file as the path, so the outline and the markers cannot
 * disagree. Points outside the extent (overseas departments, abroad) have no place on this map.
 *
 * @param path the outline as SVG path data, in the {@code 0 0 width height} view box
 * @param source where the data comes from, and its licence (shown under the map)
 */
public record MapOutline(String path, double width, double height, double west, double east, double south,
    double north, double parallel, double scale, String source) {
  public static final String RESOURCE = "web/map/france.json";

  /** A point in the outline's SVG coordinates. */
  public record Point(double x, double y) {}

  public MapOutline {
    if (!(west < east && south < north && scale > 0 && Math.abs(parallel) < 90)) {
      throw new IllegalArgumentException("bad map projection constants");
    }
  }

  /** Reads the outline shipped on the class path; fails loudly when it is missing or malformed. */
  public static MapOutline france() {
    try (InputStream in = MapOutline.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing map resource " + RESOURCE);
      }
      JsonObject json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      JsonObject proj = json.getJsonObject("projection");
      if (!"equirectangular".equals(proj.getString("type"))) {
        throw new IllegalStateException("unsupported projection in " + RESOURCE);
      }
      return new MapOutline(json.getString("path"), json.getDouble("width"), json.getDouble("height"),
          proj.getDouble("west"), proj.getDouble("east"), proj.getDouble("south"), proj.getDouble("north"),
          proj.getDouble("parallel"), proj.getDouble("scale"), json.getString("source"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where a latitude/longitude lands on the map, or empty when it is not a finite coordinate or lies
   * outside the map's extent (then the page lists it beside the map).
   */
  public Optional<Point> project(Double latitude, Double longitude) {
    if (latitude == null || longitude == null) {
      return Optional.empty();
    }
    double lat = latitude;
    double lon = longitude;
    if (!Double.isFinite(lat) || !Double.isFinite(lon) || lat < south || lat > north || lon < west || lon > east) {
      return Optional.empty();
    }
    double x = (lon - west) * Math.cos(Math.toRadians(parallel)) * scale;
    double y = (north - lat) * scale;
    return Optional.of(new Point(x, y));
  }

  /** The SVG {@code viewBox} attribute. */
  public String viewBox() {
    return "0 0 " + SvgNumbers.format(width) + " " + SvgNumbers.format(height);
  }
}
