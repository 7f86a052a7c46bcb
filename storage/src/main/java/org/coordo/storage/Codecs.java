package org.coordo.storage;

import java.nio.charset.StandardCharsets;

/** Standard codecs. The key codecs here preserve order (see {@link Keys}). */
public final class Codecs {
  private Codecs() {}

  private static final Codec<String> UTF8 =
      new Codec<>() {
        @Override
        public byte[] encode(String value) {
          return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
          return new String(bytes, StandardCharsets.UTF_8);
        }
      };

  private static final Codec<Long> LONG_BE =
      new Codec<>() {
        @Override
        public byte[] encode(Long value) {
          return Keys.longBE(value);
        }

        @Override
        public Long decode(byte[] bytes) {
          if (bytes.length != 8) {
            throw new StorageException("a long value must be 8 bytes, found " + bytes.length);
          }
          return Keys.readLong(bytes, 0);
        }
      };

  private static final Codec<byte[]> BYTES =
      new Codec<>() {
        @Override
        public byte[] encode(byte[] value) {
          return value;
        }

        @Override
        public byte[] decode(byte[] bytes) {
          return bytes;
        }
      };

  /** UTF-8 text, no separator (orders by UTF-8 bytes, i.e. by code point). */
  public static Codec<String> utf8() {
    return UTF8;
  }

  /** 8 big-endian bytes; non-negative values order numerically. */
  public static Codec<Long> longBE() {
    return LONG_BE;
  }

  /** Bytes as they are. */
  public static Codec<byte[]> bytes() {
    return BYTES;
  }
}
