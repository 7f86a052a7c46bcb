package org.coordo.server.domain.cosign;

/**
 * A signatory that is not on the fediverse, as the editors type it.
 *
 * @param name plain text, 1 to {@link #MAX_NAME} characters
 * @param url an optional http(s) link, or null
 */
public record TextSignatory(String name, String url) {
  public static final int MAX_NAME = 200;
  public static final int MAX_URL = 2000;
  /** Most plain-text signatories one call may list. */
  public static final int MAX_COUNT = 200;
}
