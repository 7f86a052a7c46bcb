package org.coordo.federation.fetch;

import java.time.Duration;

/**
 * Limits of one remote fetch.
 *
 * @param maxBytes the largest body read (the read is aborted beyond it)
 * @param connectTimeout how long to wait for a connection
 * @param totalTimeout how long the whole fetch may take, redirects included
 * @param maxRedirects how many redirects are followed (each one re-checked by the {@link UrlGuard})
 */
public record FetchOptions(long maxBytes, Duration connectTimeout, Duration totalTimeout, int maxRedirects) {
  public static final FetchOptions DEFAULTS = new FetchOptions(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(10), 3);

  public FetchOptions {
    if (maxBytes <= 0 || maxRedirects < 0 || connectTimeout.isNegative() || connectTimeout.isZero()
        || totalTimeout.isNegative() || totalTimeout.isZero()) {
      throw new IllegalArgumentException("invalid fetch options");
    }
  }
}
