package org.coordo.storage;

import java.util.Base64;

/**
 * An opaque position in a keyspace: the last key returned. Its text form is URL-safe and is what
 * APIs hand to clients; clients never see offsets.
 */
public record Cursor(byte[] lastKey) {

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey);
  }

  /** Parses a cursor sent back by a client; throws {@link IllegalArgumentException} if malformed. */
  public static Cursor decode(String text) {
    return new Cursor(Base64.getUrlDecoder().decode(text));
  }
}
