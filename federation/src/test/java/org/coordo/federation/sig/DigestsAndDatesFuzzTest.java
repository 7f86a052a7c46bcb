package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for the {@code Digest} / {@code Content-Digest} headers ({@link Digests}) and HTTP dates
 * ({@link HttpDates}). Seeds and regressions: {@code src/test/resources/org/coordo/federation/sig/
 * DigestsAndDatesFuzzTestInputs/}. See docs/FUZZING.md.
 */
class DigestsAndDatesFuzzTest {

  /**
   * An input is a header value, a newline, then the body. Checking never throws; the digests we write match
   * their body (equal bodies, equal digests); a header that matches one body does not match another.
   */
  @FuzzTest
  @Timeout(5)
  void digestHeaders(byte[] data) {
    int nl = indexOf(data, (byte) '\n');
    String header = new String(data, 0, nl < 0 ? data.length : nl, StandardCharsets.UTF_8);
    byte[] body = nl < 0 ? new byte[0] : Arrays.copyOfRange(data, nl + 1, data.length);
    byte[] other = Arrays.copyOf(body, body.length + 1);

    assertEquals(Digests.digestHeader(body), Digests.digestHeader(body.clone()));
    assertEquals(Digests.Check.MATCH, Digests.verifyDigest(Digests.digestHeader(body), body));
    assertEquals(Digests.Check.MATCH, Digests.verifyContentDigest(Digests.contentDigestHeader(body), body));
    assertEquals(Digests.Check.MATCH,
        Digests.verifyContentDigest(Digests.contentDigestHeader(body, "sha-512"), body));
    assertEquals(Digests.Check.MISMATCH, Digests.verifyDigest(Digests.digestHeader(body), other));

    Digests.Check legacy = Digests.verifyDigest(header, body);
    Digests.Check modern = Digests.verifyContentDigest(header, body);
    assertNotNull(legacy);
    assertNotNull(modern);
    if (legacy == Digests.Check.MATCH) {
      assertNotEquals(Digests.Check.MATCH, Digests.verifyDigest(header, other), "a Digest matching two bodies");
    }
    if (modern == Digests.Check.MATCH) {
      assertNotEquals(Digests.Check.MATCH, Digests.verifyContentDigest(header, other),
          "a Content-Digest matching two bodies");
    }
  }

  /**
   * An HTTP date parses to what RFC 1123 says it is, or fails with {@link HttpSignatureException}
   * (INVALID_DATE, a 401); formatting a parsed date and parsing it again gives the same instant.
   */
  @FuzzTest
  @Timeout(5)
  void httpDate(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Instant expected;
    try {
      expected = ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      expected = null;
    }
    Instant parsed;
    try {
      parsed = HttpDates.parse(text);
    } catch (HttpSignatureException e) {
      assertEquals(SignatureFailure.INVALID_DATE, e.reason());
      assertEquals(null, expected, "a valid RFC 1123 date was refused: " + text);
      return;
    }
    assertEquals(expected, parsed, "parsed " + text);
    int year = ZonedDateTime.ofInstant(parsed, java.time.ZoneOffset.UTC).getYear();
    if (year >= 1 && year <= 9999) {
      assertEquals(parsed, HttpDates.parse(HttpDates.format(parsed)));
    }
  }

  private static int indexOf(byte[] data, byte b) {
    for (int i = 0; i < data.length; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
