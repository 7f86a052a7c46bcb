package org.coordo.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layout helpers. Keyspaces compare keys as unsigned bytes, so:
 *
 * <ul>
 *   <li>numbers are written big-endian ({@link #longBE}, {@link #intBE}): non-negative values then
 *       iterate in numeric order, forward and backward (epoch millis included). Negative values
 *       sort after every non-negative one: do not use them in keys.
 *   <li>text parts are UTF-8 followed by a 0x00 separator ({@link #utf8z}), so that "ab" + x never
 *       interleaves with "abc" + y and a text part can be used as a prefix.
 *   <li>composite keys are plain concatenations ({@link #concat}); fixed-width numbers need no
 *       separator.
 *   <li>newest-first listings use a reverse scan, not inverted timestamps.
 * </ul>
 *
 * Example: an outbox index keyed by {@code utf8z(actor) ‖ longBE(publishedMillis) ‖ utf8(id)}
 * lists an actor's items in time order with {@code scanPrefix(utf8z(actor), reverse)}.
 */
public final class Keys {
  private static final byte[] EMPTY = new byte[0];

  private Keys() {}

  /** The parts one after another. */
  public static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /** 8 bytes, most significant first. */
  public static byte[] longBE(long value) {
    byte[] out = new byte[8];
    for (int i = 7; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }

  /** 4 bytes, most significant first. */
  public static byte[] intBE(int value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  /** Reads the 8 big-endian bytes at {@code offset}. */
  public static long readLong(byte[] key, int offset) {
    checkRange(key, offset, 8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (key[offset + i] & 0xFF);
    }
    return value;
  }

  /** Reads the 4 big-endian bytes at {@code offset}. */
  public static int readInt(byte[] key, int offset) {
    checkRange(key, offset, 4);
    return ((key[offset] & 0xFF) << 24)
        | ((key[offset + 1] & 0xFF) << 16)
        | ((key[offset + 2] & 0xFF) << 8)
        | (key[offset + 3] & 0xFF);
  }

  /** UTF-8 bytes, no separator: for the last part of a key. */
  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * UTF-8 bytes followed by a 0x00 separator: for a text part followed by other parts, or a text
   * prefix. The text must not contain U+0000.
   */
  public static byte[] utf8z(String text) {
    if (text.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a key text part must not contain U+0000");
    }
    byte[] bytes = utf8(text);
    return Arrays.copyOf(bytes, bytes.length + 1);
  }

  /**
   * Reads a text part starting at {@code offset}, up to the next 0x00 byte or the end of the key.
   * The next part starts at {@code offset + utf8Length(result) + 1}.
   */
  public static String readUtf8(byte[] key, int offset) {
    int end = offset;
    while (end < key.length && key[end] != 0) {
      end++;
    }
    return new String(key, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** The smallest key strictly greater than {@code key}: the key followed by 0x00. */
  public static byte[] successor(byte[] key) {
    return Arrays.copyOf(key, key.length + 1);
  }

  /**
   * The smallest key greater than every key that starts with {@code prefix}: trailing 0xFF bytes
   * dropped and the last remaining byte incremented. Null when there is none (the prefix is empty
   * or all 0xFF): the range is then open-ended.
   */
  public static byte[] prefixEnd(byte[] prefix) {
    int last = prefix.length - 1;
    while (last >= 0 && prefix[last] == (byte) 0xFF) {
      last--;
    }
    if (last < 0) {
      return null;
    }
    byte[] end = Arrays.copyOf(prefix, last + 1);
    end[last]++;
    return end;
  }

  /** True when {@code key} starts with {@code prefix}. */
  public static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** Unsigned lexicographic comparison: the order of every keyspace. */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** The key without its first {@code length} bytes. */
  public static byte[] dropPrefix(byte[] key, int length) {
    return Arrays.copyOfRange(key, length, key.length);
  }

  /** An empty key (the start of every keyspace). */
  public static byte[] empty() {
    return EMPTY.clone();
  }

  private static void checkRange(byte[] key, int offset, int width) {
    if (offset < 0 || offset + width > key.length) {
      throw new IllegalArgumentException("key too short for a " + width + "-byte number");
    }
  }
}
