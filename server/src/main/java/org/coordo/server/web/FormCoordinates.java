package org.coordo.server.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latitude and longitude as people type them in the event form: a French decimal comma ({@code 45,18}),
 * spaces, a trailing degree sign, or both numbers pasted into the latitude field from a map
 * ({@code 45.1885, 5.7245} or {@code 45,1885 5,7245}). What is still not a number goes to the converter
 * as text, which refuses it with a message saying why.
 */
final class FormCoordinates {
  private static final String NUMBER = "[-+]?\\d{1,3}(?:[.,]\\d+)?";
  /** Two numbers: separated by a semicolon, or a comma/space after a number with a point or a comma. */
  private static final Pattern PAIR = Pattern.compile("(" + NUMBER + ")°?\\s*(?:;|,\\s+|\\s+|,(?=[-+]?\\d{1,3}[.,]))\\s*("
      + NUMBER + ")°?");

  private FormCoordinates() {}

  /** {@code [latitude, longitude]} as typed into the two fields, after splitting a pasted pair. */
  static String[] split(String latitude, String longitude) {
    String lat = clean(latitude);
    String lon = clean(longitude);
    if (lon.isEmpty()) {
      Matcher pair = PAIR.matcher(lat);
      if (pair.matches()) {
        return new String[] {pair.group(1), pair.group(2)};
      }
    }
    return new String[] {lat, lon};
  }

  /** A number in decimal degrees, or the text as typed when it is none. */
  static Object value(String typed) {
    String v = clean(typed).replace(',', '.');
    if (v.endsWith("°")) {
      v = v.substring(0, v.length() - 1).strip();
    }
    if (v.matches("[-+]?\\d+(?:\\.\\d+)?")) {
      return Double.parseDouble(v);
    }
    return typed.strip();
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace('\u00a0', ' ').replace('\u202f', ' ').replace('−', '-').strip();
  }
}
