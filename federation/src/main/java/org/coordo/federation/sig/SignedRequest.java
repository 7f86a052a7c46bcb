package org.coordo.federation.sig;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as HTTP Signatures see it: what is signed on the way out and verified on the way in.
 *
 * @param method the HTTP method, upper case ({@code POST})
 * @param target the full target URI as the sender addressed it ({@code https://node.example/inbox?x=1}); for
 *     an incoming request behind a reverse proxy this is the node's public URL plus the request path and
 *     query (see {@link VertxSignedRequests})
 * @param headers header lines by lower-case name, values in arrival order (a case-insensitive multimap)
 * @param body the body bytes, never null (empty when there is none)
 */
public record SignedRequest(String method, URI target, Map<String, List<String>> headers, byte[] body) {

  public SignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    if (!target.isAbsolute() || target.getRawAuthority() == null) {
      throw new IllegalArgumentException("target must be an absolute URI: " + target);
    }
    method = method.toUpperCase(Locale.ROOT);
    Map<String, List<String>> normalized = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((name, values) -> {
        if (name != null && values != null) {
          normalized.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
        }
      });
    }
    normalized.replaceAll((k, v) -> List.copyOf(v));
    headers = Collections.unmodifiableMap(normalized);
    body = body == null ? new byte[0] : body;
  }

  /** A request with single-valued headers (names in any case). */
  public static SignedRequest of(String method, URI target, Map<String, String> headers, byte[] body) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((k, v) -> multi.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(v));
    return new SignedRequest(method, target, multi, body);
  }

  /** The same request with headers added (e.g. the ones a signer returned). */
  public SignedRequest withHeaders(Map<String, String> extra) {
    Map<String, List<String>> multi = new LinkedHashMap<>(headers);
    extra.forEach((k, v) -> multi.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    return new SignedRequest(method, target, multi, body);
  }

  /** Every line of a header, trimmed; empty when absent. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().map(String::trim).toList();
  }

  /** A header's lines joined with {@code ", "} (the canonical form both signature schemes use). */
  public Optional<String> header(String name) {
    List<String> values = headerValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
  }

  public boolean hasBody() {
    return body.length > 0;
  }

  /** Path and query as sent on the request line: {@code /foo?a=b} ({@code /} when the path is empty). */
  public String pathAndQuery() {
    String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
  }

  /** {@code host} or {@code host:port}, lower case, without the scheme's default port. */
  public String authority() {
    return authorityOf(target);
  }

  static String authorityOf(URI uri) {
    String host = uri.getHost() == null ? uri.getRawAuthority() : uri.getHost();
    host = host.toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return defaultPort ? host : host + ":" + port;
  }

  @Override
  public String toString() {
    return "SignedRequest[" + method + " " + target + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
  }
}
