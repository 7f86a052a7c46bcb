package org.coordo.federation;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.function.Supplier;

/**
 * ULID-like ids: 10 Crockford base-32 characters of epoch millis, then 16 of randomness (26 in all,
 * lower case). They sort by creation time as text and as bytes, and are safe in URL paths.
 */
public final class TimeSortableIds implements Supplier<String> {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

  private final Clock clock;
  private final Random random;

  public TimeSortableIds(Clock clock) {
    this(clock, new SecureRandom());
  }

  public TimeSortableIds(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  @Override
  public String get() {
    char[] out = new char[26];
    long millis = clock.millis();
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    for (int i = 10; i < 26; i++) {
      out[i] = ALPHABET[random.nextInt(32)];
    }
    return new String(out);
  }
}
