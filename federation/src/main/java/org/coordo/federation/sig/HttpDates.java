package org.coordo.federation.sig;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** HTTP dates: {@code Sun, 05 Jan 2014 21:31:40 GMT} (IMF-fixdate, two-digit day). */
public final class HttpDates {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private HttpDates() {}

  public static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /** Parses an RFC 1123 date; {@link HttpSignatureException} (INVALID_DATE) when it is not one. */
  public static Instant parse(String value) {
    return SignatureVerifier.parseHttpDate(value);
  }
}
