package org.coordo.federation.vocab;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one writer of every date-time a document carries ({@code published}, {@code updated},
 * {@code deleted}, {@code startTime}, {@code endTime}, schema.org dates): an {@code xsd:dateTime} /
 * RFC 3339 string with the seconds always present ({@code 2027-01-16T17:00:00+01:00}). Strict
 * parsers (Fedify's, built on Temporal) refuse {@code 2027-01-16T17:00+01:00}, which is what
 * {@code OffsetDateTime.toString()} writes when the seconds are zero. Fractions of a second are
 * dropped: no document needs them, and some parsers refuse them too.
 */
public final class XsdDateTime {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private XsdDateTime() {}

  /** The instant in UTC: {@code 2027-01-16T16:00:00Z}. */
  public static String format(Instant t) {
    return format(t, ZoneOffset.UTC);
  }

  /** The instant at its offset in {@code zone}: {@code 2027-01-16T17:00:00+01:00} in Europe/Paris. */
  public static String format(Instant t, ZoneId zone) {
    return FORMAT.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
  }
}
