package org.coordo.federation.remote;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import org.coordo.federation.fetch.RemoteFetcher;

/**
 * Fetches one ActivityStreams document by URL (a signed GET by the instance actor, through the URL
 * guard), its id checked against the origin that answered ({@link #of(RemoteFetcher)}: the one adapter,
 * used by the federation facade and by tests).
 */
@FunctionalInterface
public interface DocumentFetcher {

  /** A fetched document and the URL that answered it after redirects. */
  record Fetched(URI finalUrl, JsonObject document) {}

  Future<Fetched> fetch(URI url);

  /** {@link RemoteFetcher#fetchActivity}: guarded, signed, and the document's id of its final URL's origin. */
  static DocumentFetcher of(RemoteFetcher fetcher) {
    return url -> fetcher.fetchActivity(url).map(f -> new Fetched(f.finalUrl(), f.json()));
  }
}
