package org.coordo.federation.remote;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * Fetches one ActivityStreams document by URL (a signed GET by the instance actor, through the URL
 * guard). The federation facade adapts {@code fetch.RemoteFetcher} to it; tests may give a plain
 * client.
 */
@FunctionalInterface
public interface DocumentFetcher {

  /** A fetched document and the URL that answered it after redirects. */
  record Fetched(URI finalUrl, JsonObject document) {}

  Future<Fetched> fetch(URI url);
}
