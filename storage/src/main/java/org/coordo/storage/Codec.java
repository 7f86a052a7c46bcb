package org.coordo.storage;

/** Turns a value into bytes and back. Key codecs must preserve order (see {@link Keys}). */
public interface Codec<T> {
  byte[] encode(T value);

  T decode(byte[] bytes);
}
