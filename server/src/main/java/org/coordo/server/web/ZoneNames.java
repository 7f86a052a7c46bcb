package org.coordo.server.web;

import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/**
 * A time zone as people say it: the city of a region zone ({@code Europe/Paris} → "Paris", for
 * "heure de Paris" / "Paris time"), with the few French spellings that differ; other zones (UTC,
 * offsets) by their localized display name.
 */
public final class ZoneNames {
  private ZoneNames() {}

  /** French names of cities whose zone id spells them otherwise (the ones French collectives meet). */
  private static final Map<String, String> FRENCH = Map.of(
      "Reunion", "La Réunion", "Noumea", "Nouméa", "London", "Londres", "Brussels", "Bruxelles",
      "Tahiti", "Tahiti", "Guadeloupe", "Guadeloupe", "Miquelon", "Saint-Pierre-et-Miquelon");

  public static String of(ZoneId zone, Locale locale) {
    String id = zone.getId();
    int slash = id.lastIndexOf('/');
    if (slash < 0 || id.startsWith("Etc/") || id.startsWith("SystemV/")) {
      return zone.getDisplayName(TextStyle.FULL, locale);
    }
    String city = id.substring(slash + 1).replace('_', ' ');
    if (locale.getLanguage().equals("fr")) {
      city = FRENCH.getOrDefault(city, city);
    }
    return city;
  }
}
