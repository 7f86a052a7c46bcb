package org.coordo.server.web.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Places one marker per item on a {@link MapOutline}: items whose points fall within
 * {@value #NEAR} units of each other (the events of one city) are spread around their centre on a
 * sunflower spiral, so that each stays visible and can be pointed at; items without a place on the
 * map are returned apart, in their order, for the list beside it.
 */
public final class MarkerLayout {
  /** Points closer than this (SVG units) share a spot. */
  static final double NEAR = 8;
  /** A marker's radius (SVG units). */
  public static final int RADIUS = 7;
  /**
   * The spiral's step: neighbours on a sunflower spiral of radius {@code SPIRAL·√(i+½)} end up at least
   * about 1.5 times this apart, more than a marker's width.
   */
  static final double SPIRAL = 10;
  private static final double GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

  /** An item at its place on the map. */
  public record Placed<T>(T item, double x, double y) {
    public String cx() {
      return SvgNumbers.format(x);
    }

    public String cy() {
      return SvgNumbers.format(y);
    }
  }

  /** The markers drawn, and the items that have no place on this map. */
  public record Layout<T>(List<Placed<T>> placed, List<T> offMap) {}

  private MarkerLayout() {}

  /**
   * @param where an item's latitude and longitude as {@code Double[2]}, or null when it has none
   */
  public static <T> Layout<T> layout(MapOutline map, List<T> items, Function<T, Double[]> where) {
    List<T> offMap = new ArrayList<>();
    List<Spot<T>> spots = new ArrayList<>();
    for (T item : items) {
      Double[] latLon = where.apply(item);
      Optional<MapOutline.Point> point = latLon == null || latLon.length != 2 ? Optional.empty()
          : map.project(latLon[0], latLon[1]);
      if (point.isEmpty()) {
        offMap.add(item);
        continue;
      }
      MapOutline.Point p = point.get();
      Spot<T> spot = spots.stream().filter(s -> Math.hypot(s.x - p.x(), s.y - p.y()) < NEAR).findFirst().orElse(null);
      if (spot == null) {
        spot = new Spot<>(p.x(), p.y());
        spots.add(spot);
      }
      spot.items.add(item);
    }
    List<Placed<T>> placed = new ArrayList<>();
    for (Spot<T> spot : spots) {
      int n = spot.items.size();
      for (int i = 0; i < n; i++) {
        double r = n == 1 ? 0 : SPIRAL * Math.sqrt(i + 0.5);
        double a = i * GOLDEN_ANGLE;
        double x = clamp(spot.x + r * Math.cos(a), map.width());
        double y = clamp(spot.y + r * Math.sin(a), map.height());
        placed.add(new Placed<>(spot.items.get(i), x, y));
      }
    }
    return new Layout<>(List.copyOf(placed), List.copyOf(offMap));
  }

  private static double clamp(double v, double max) {
    return Math.max(0, Math.min(max, v));
  }

  private static final class Spot<T> {
    final double x;
    final double y;
    final List<T> items = new ArrayList<>();

    Spot(double x, double y) {
      this.x = x;
      this.y = y;
    }
  }
}
