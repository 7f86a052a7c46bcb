package org.coordo.federation.nodeinfo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.coordo.federation.fetch.RemoteFetcher;

/**
 * Reads which software a remote server runs, from its NodeInfo ({@code /.well-known/nodeinfo}, then the
 * 2.1 or 2.0 document it links). NodeInfo is optional in federation: any failure is an empty answer,
 * never an error.
 */
public final class NodeInfoClient {
  private static final String JSON = "application/json";
  private final RemoteFetcher fetcher;

  public NodeInfoClient(RemoteFetcher fetcher) {
    this.fetcher = fetcher;
  }

  /** The lower-cased {@code software.name} of the server that serves {@code anyUrl}, if it says. */
  public Future<Optional<String>> softwareName(URI anyUrl) {
    URI wellKnown = URI.create(anyUrl.getScheme() + "://" + anyUrl.getRawAuthority() + "/.well-known/nodeinfo");
    return fetcher.fetchJson(wellKnown, JSON)
        .compose(links -> documentUrl(links)
            .map(url -> fetcher.fetchJson(url, JSON).map(NodeInfoClient::software))
            .orElseGet(() -> Future.succeededFuture(Optional.empty())))
        .recover(failure -> Future.succeededFuture(Optional.empty()));
  }

  static Optional<URI> documentUrl(JsonObject wellKnown) {
    if (!(wellKnown.getValue("links") instanceof JsonArray links)) {
      return Optional.empty();
    }
    for (String rel : new String[] {NodeInfo.SCHEMA_21, NodeInfo.SCHEMA_20}) {
      for (Object o : links) {
        if (o instanceof JsonObject l && rel.equals(l.getValue("rel")) && l.getValue("href") instanceof String href) {
          try {
            return Optional.of(URI.create(href));
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.empty();
  }

  static Optional<String> software(JsonObject doc) {
    return doc.getValue("software") instanceof JsonObject s && s.getValue("name") instanceof String name
        ? Optional.of(name.trim().toLowerCase(Locale.ROOT)) : Optional.empty();
  }
}
