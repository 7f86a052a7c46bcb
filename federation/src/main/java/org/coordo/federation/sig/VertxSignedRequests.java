package org.coordo.federation.sig;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coordo.federation.FederationException;

/**
 * Builds a {@link SignedRequest} from a Vert.x server request (the only class of this package that touches
 * vertx-core's HTTP types).
 *
 * <p>Reverse proxies: the node may sit behind one that rewrites the scheme, host and port, so the target URI is
 * <em>the node's public URL</em> plus the request's path and query, and the {@code host} header is replaced by
 * the public URL's authority — that is what the sender addressed and signed.
 */
public final class VertxSignedRequests {
  private VertxSignedRequests() {}

  /**
   * @param request the incoming request
   * @param body its body (null for none)
   * @param publicBase the node's public URL ({@code https://grenoble.example}); any path on it is ignored
   * @throws FederationException 400 when the request target is not a URI
   */
  public static SignedRequest from(HttpServerRequest request, Buffer body, URI publicBase) {
    URI target;
    try {
      String uri = request.uri();
      String pathAndQuery = uri.startsWith("/") ? uri : URI.create(uri).getRawPath()
          + (URI.create(uri).getRawQuery() == null ? "" : "?" + URI.create(uri).getRawQuery());
      target = URI.create(publicBase.getScheme() + "://" + publicBase.getRawAuthority() + pathAndQuery);
    } catch (IllegalArgumentException e) {
      // HTTP servers pass through request targets that are no URI (bad escapes, '|', '{'…).
      throw FederationException.badRequest("the request target is not a valid URI");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().forEach(e -> headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
        .add(e.getValue()));
    headers.put("host", List.of(SignedRequest.authorityOf(publicBase)));
    return new SignedRequest(request.method().name(), target, headers, body == null ? null : body.getBytes());
  }
}
