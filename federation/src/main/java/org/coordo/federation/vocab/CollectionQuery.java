package org.coordo.federation.vocab;

import org.coordo.federation.FederationException;
import org.coordo.storage.Cursor;

/**
 * What a client asked of a collection: the collection itself (no parameter), its first page
 * ({@code ?page=true}) or a later page ({@code ?cursor=…}), with an optional {@code ?limit} (1 to
 * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}).
 *
 * @param cursor null for the collection document or the first page
 */
public record CollectionQuery(boolean page, Cursor cursor, int limit, boolean limitGiven) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** Parses the query parameters (each may be null); 400 on a malformed cursor or limit. */
  public static CollectionQuery parse(String page, String cursor, String limit) {
    int n = DEFAULT_LIMIT;
    boolean limitGiven = limit != null;
    if (limitGiven) {
      try {
        n = Integer.parseInt(limit.trim());
      } catch (NumberFormatException e) {
        throw FederationException.badRequest("limit must be a number from 1 to " + MAX_LIMIT);
      }
      if (n < 1) {
        throw FederationException.badRequest("limit must be a number from 1 to " + MAX_LIMIT);
      }
      n = Math.min(n, MAX_LIMIT);
    }
    Cursor c = null;
    if (cursor != null) {
      if (cursor.isEmpty() || !cursor.matches("[A-Za-z0-9_-]+")) {
        throw FederationException.badRequest("malformed cursor");
      }
      try {
        c = Cursor.decode(cursor);
      } catch (IllegalArgumentException e) {
        throw FederationException.badRequest("malformed cursor");
      }
      if (c.lastKey().length == 0) {
        throw FederationException.badRequest("malformed cursor");
      }
    }
    boolean isPage = c != null || (page != null && !"false".equalsIgnoreCase(page.trim()));
    return new CollectionQuery(isPage, c, n, limitGiven);
  }
}
