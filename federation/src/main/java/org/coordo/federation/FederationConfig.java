package org.coordo.federation;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the protocol layer needs to know about the node, validated and immutable.
 *
 * @param publicUrl the node's public base URL (scheme, host, optional port; no path), e.g. {@code https://grenoble.example}
 * @param allowPrivateAddresses whether outbound fetches and deliveries may reach loopback/private addresses (tests, demo)
 * @param authorizedFetch whether GETs of actors, objects and collections require an HTTP signature
 * @param maxBodyBytes the largest inbox body accepted (413 above)
 * @param signatureWindow how old or how far in the future a signature date may be
 * @param software software name and version for NodeInfo and the User-Agent
 * @param nodeName the node's human name (NodeInfo metadata)
 * @param nodeMetadata extra NodeInfo metadata (e.g. {@code role: city|national})
 */
public record FederationConfig(
    URI publicUrl,
    boolean allowPrivateAddresses,
    boolean authorizedFetch,
    long maxBodyBytes,
    Duration signatureWindow,
    String softwareVersion,
    String nodeName,
    Map<String, Object> nodeMetadata) {

  public FederationConfig {
    Objects.requireNonNull(publicUrl, "publicUrl");
    if (!publicUrl.isAbsolute() || publicUrl.getHost() == null) {
      throw new IllegalArgumentException("publicUrl must be an absolute http(s) URL: " + publicUrl);
    }
    nodeMetadata = Map.copyOf(nodeMetadata);
  }

  /** Defaults suited to tests on loopback. */
  public static FederationConfig forTests(URI publicUrl) {
    return new FederationConfig(
        publicUrl, true, false, 1 << 20, Duration.ofHours(1), "0.1.0-test", "Coordo test node",
        Map.of("role", "city"));
  }

  /** {@code host} or {@code host:port} as it appears in handles ({@code acct:name@host:port}). */
  public String authority() {
    return publicUrl.getPort() == -1 ? publicUrl.getHost() : publicUrl.getHost() + ":" + publicUrl.getPort();
  }
}
