package org.coordo.server.config;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How {@code publicUrl} relates to {@code port}. Left at its default ({@code http://localhost:8080},
 * whether unset or written as such in the file), it follows {@code port}: {@code COORDO_PORT=18080}
 * gives {@code http://localhost:18080}, so handles and invitation links point at the port the node
 * listens on. An explicit loopback {@code publicUrl} whose port differs from a loopback {@code port}
 * is kept but warned about (naming both keys): links would point at a port nothing listens on. A
 * public URL on another host (a reverse proxy) is never questioned.
 */
final class PublicUrlRule {
  private PublicUrlRule() {}

  static final URI DEFAULT = URI.create((String) ConfigSchema.PUBLIC_URL.defaultValue());

  /** The {@code publicUrl} to use: the default one moved to {@code port}, otherwise the given one. */
  static URI effective(URI publicUrl, int port) {
    if (publicUrl.equals(DEFAULT) && port != 0 && port != DEFAULT.getPort()) {
      return URI.create(DEFAULT.getScheme() + "://" + DEFAULT.getHost() + ":" + port);
    }
    return publicUrl;
  }

  /** A warning when an explicit loopback {@code publicUrl} names another port than a loopback {@code port}. */
  static Optional<String> warning(URI publicUrl, int port, String bindAddress, String urlSource, String portSource) {
    if (publicUrl.equals(DEFAULT) || port == 0 || !isLoopback(bindAddress) || !isLoopback(publicUrl.getHost())) {
      return Optional.empty();
    }
    int urlPort = publicUrl.getPort() != -1 ? publicUrl.getPort()
        : "https".equals(publicUrl.getScheme()) ? 443 : 80;
    if (urlPort == port) {
      return Optional.empty();
    }
    return Optional.of("publicUrl " + publicUrl + " (from " + urlSource + ") names port " + urlPort
        + " but port is " + port + " (from " + portSource + "): handles and invitation links will point"
        + " at a port this node does not listen on; set publicUrl to " + publicUrl.getScheme() + "://"
        + publicUrl.getHost() + ":" + port + " or remove it to follow port");
  }

  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  /** Applies the rule to parsed values; returns the warning, if any. */
  static Optional<String> apply(Map<String, Object> values, Map<String, String> sources) {
    String urlKey = ConfigSchema.PUBLIC_URL.path();
    String portKey = ConfigSchema.PORT.path();
    URI url = (URI) values.get(urlKey);
    int port = Math.toIntExact((Long) values.get(portKey));
    URI moved = effective(url, port);
    if (!moved.equals(url)) {
      values.put(urlKey, moved);
      sources.put(urlKey, "default, following port");
      return Optional.empty();
    }
    return warning(url, port, (String) values.get(ConfigSchema.BIND_ADDRESS.path()), sources.get(urlKey),
        sources.get(portKey));
  }
}
