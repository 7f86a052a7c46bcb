package org.coordo.storage.queue;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.function.Supplier;

/**
 * ULID-style ids: 26 Crockford base32 characters, 48 bits of epoch millis then 80 bits, random for the first id of a
 * millisecond and incremented by one for each further id of that millisecond (ULID's "monotonic" variant). So the
 * ids of one generator sort (as strings or ASCII bytes) in creation order, within a millisecond too: jobs enqueued
 * at one due time are claimed in the order they were enqueued (the delivery fan-out relies on it to spread a claim
 * over many hosts). Thread-safe.
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

  private long lastMillis = -1;
  /** The 80 low bits of the last id: {@code high} 16 bits, {@code low} 64 bits. */
  private long high;
  private long low;

  @Override
  public String get() {
    long millis;
    long h;
    long l;
    synchronized (this) {
      millis = clock.millis();
      if (millis <= lastMillis) {
        millis = lastMillis; // same millisecond, or the clock stepped back: stay after the last id
        low++;
        if (low == 0) {
          high = (high + 1) & 0xFFFF;
          if (high == 0) { // 2^80 ids in one millisecond: move to the next one
            millis++;
            high = random.nextInt(0x8000);
            low = random.nextLong();
          }
        }
      } else {
        high = random.nextInt(0x8000); // top bit clear: room to increment without overflowing the millisecond
        low = random.nextLong();
      }
      lastMillis = millis;
      h = high;
      l = low;
    }
    char[] out = new char[LENGTH];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    // 80 bits = 16 characters of 5 bits, from the lowest
    for (int i = LENGTH - 1; i >= 10; i--) {
      out[i] = ALPHABET[(int) (l & 31)];
      l = (l >>> 5) | ((h & 31) << 59);
      h >>>= 5;
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
