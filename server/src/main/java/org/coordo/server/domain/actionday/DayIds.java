package org.coordo.server.domain.actionday;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The ids of days of action in this node's URLs ({@code /days/{id}}): a local day is named by its
 * publication id; a received one by {@code r} and the first 24 hex digits of the SHA-256 of its
 * ActivityPub id (stable, the same on every restart, nothing to store).
 */
public final class DayIds {
  private static final Pattern VALID = Pattern.compile("[0-9A-Za-z_-]{1,64}");

  private DayIds() {}

  /** The id of a received day of action. */
  public static String remote(String uri) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
      return "r" + HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code id} may name a day at all (anything else is a 404 without a lookup). */
  public static boolean isWellFormed(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}
