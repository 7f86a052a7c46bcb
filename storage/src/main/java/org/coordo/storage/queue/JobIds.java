package org.coordo.storage.queue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.function.Supplier;

/**
 * ULID-style ids: 26 Crockford base32 characters, 48 bits of epoch millis then 80 random bits. Ids
 * made in different milliseconds sort (as strings or ASCII bytes) in creation order.
 */
public final class JobIds implements Supplier<String> {
  private static final String DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final char[] ALPHABET = DIGITS.toCharArray();
  public static final int LENGTH = 26;

  private final Clock clock;
  private final Random random;

  public JobIds(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  /** System clock and a {@link SecureRandom}. */
  public static JobIds system() {
    return new JobIds(Clock.systemUTC(), new SecureRandom());
  }

  @Override
  public String get() {
    char[] out = new char[LENGTH];
    long millis = clock.millis();
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    for (int i = 10; i < LENGTH; i++) {
      out[i] = ALPHABET[random.nextInt(32)];
    }
    return new String(out);
  }

  /** The creation time encoded in an id (epoch millis). */
  public static long millisOf(String id) {
    if (id.length() != LENGTH) {
      throw new IllegalArgumentException("not a job id");
    }
    long millis = 0;
    for (int i = 0; i < 10; i++) {
      int value = DIGITS.indexOf(id.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("not a job id");
      }
      millis = (millis << 5) | value;
    }
    return millis;
  }
}
