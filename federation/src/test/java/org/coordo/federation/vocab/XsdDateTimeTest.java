package org.coordo.federation.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class XsdDateTimeTest {
  @Test
  void wholeMinutesKeepTheirSecondsAtTheirZonesOffset() {
    Instant t = Instant.parse("2027-01-16T16:00:00Z");
    assertEquals("2027-01-16T17:00:00+01:00", XsdDateTime.format(t, ZoneId.of("Europe/Paris")));
    assertEquals("2027-01-16T11:00:00-05:00", XsdDateTime.format(t, ZoneId.of("America/Montreal")));
    assertEquals("2027-01-16T21:30:00+05:30", XsdDateTime.format(t, ZoneId.of("Asia/Kolkata")));
    assertEquals("2027-07-16T18:00:00+02:00", XsdDateTime.format(Instant.parse("2027-07-16T16:00:00Z"),
        ZoneId.of("Europe/Paris")));
  }

  @Test
  void instantsAreWrittenInUtcWithZAndNoFraction() {
    assertEquals("2027-01-16T16:00:00Z", XsdDateTime.format(Instant.parse("2027-01-16T16:00:00Z")));
    assertEquals("2027-01-16T16:00:59Z", XsdDateTime.format(Instant.parse("2027-01-16T16:00:59.999Z")));
    assertEquals("2027-01-16T16:00:00Z", XsdDateTime.format(Instant.parse("2027-01-16T16:00:00Z"), ZoneId.of("UTC")));
  }
}
