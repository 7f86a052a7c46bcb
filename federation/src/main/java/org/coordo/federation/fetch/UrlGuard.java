package org.coordo.federation.fetch;

import org.coordo.federation.FetchException;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether an outbound URL may be fetched (server-side request forgery guard).
 *
 * <p>Only {@code http}/{@code https}, no userinfo, a host; the host is resolved on a worker (never on the
 * event loop) and <em>every</em> address it resolves to must be public: loopback, private (10/8, 172.16/12,
 * 192.168/16), link-local (169.254/16, fe80::/10), unique-local (fc00::/7), CGNAT (100.64/10), multicast,
 * the any-local address, and IPv4-mapped or IPv4-compatible forms of those are refused — unless
 * {@code allowPrivateAddresses} (tests, the local demo). The fetcher then connects to the checked address
 * itself, so a second DNS answer cannot swap in a private one.
 */
public final class UrlGuard {
  private final WorkerExecutor resolver;
  private final boolean allowPrivateAddresses;

  /**
   * @param resolver the worker executor DNS lookups run on
   * @param allowPrivateAddresses true to let loopback and private addresses through (tests, demo only)
   */
  public UrlGuard(WorkerExecutor resolver, boolean allowPrivateAddresses) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.allowPrivateAddresses = allowPrivateAddresses;
  }

  public boolean allowsPrivateAddresses() {
    return allowPrivateAddresses;
  }

  /**
   * Checks the URL and resolves its host.
   *
   * @return the host's addresses, all allowed (the first one is the one to connect to)
   */
  public Future<List<InetAddress>> check(URI url) {
    Optional<String> problem = syntaxProblem(url);
    if (problem.isPresent()) {
      return Future.failedFuture(new FetchException(FetchException.Reason.FORBIDDEN_URL, url, problem.get()));
    }
    String host = hostOf(url);
    return resolver.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false)
        .recover(err -> Future.failedFuture(err instanceof UnknownHostException
            ? new FetchException(FetchException.Reason.UNKNOWN_HOST, url, "host " + host + " does not resolve")
            : new FetchException(FetchException.Reason.UNKNOWN_HOST, url, "cannot resolve " + host, 0, err)))
        .compose(addresses -> {
          if (addresses.isEmpty()) {
            return Future.failedFuture(new FetchException(FetchException.Reason.UNKNOWN_HOST, url, "host " + host + " has no address"));
          }
          if (!allowPrivateAddresses) {
            for (InetAddress a : addresses) {
              Optional<String> why = forbiddenAddress(a);
              if (why.isPresent()) {
                return Future.failedFuture(new FetchException(FetchException.Reason.FORBIDDEN_URL, url,
                    "refusing to fetch " + host + ": it resolves to " + a.getHostAddress() + ", " + why.get()));
              }
            }
          }
          return Future.succeededFuture(addresses);
        });
  }

  /** The host without IPv6 brackets. */
  static String hostOf(URI url) {
    String host = url.getHost();
    if (host != null && host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host;
  }

  /** Scheme, userinfo and host checks that need no lookup; empty when fine. */
  public static Optional<String> syntaxProblem(URI url) {
    if (url == null) {
      return Optional.of("no URL");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("only http and https URLs may be fetched, not " + (scheme.isEmpty() ? "a relative URL" : scheme + ":"));
    }
    if (url.getRawUserInfo() != null) {
      return Optional.of("URLs with user info (user@host) are not fetched");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      return Optional.of("the URL has no host");
    }
    return Optional.empty();
  }

  /** Why an address may not be fetched from, or empty when it is public. */
  public static Optional<String> forbiddenAddress(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      InetAddress embedded = embeddedIpv4(b);
      if (embedded != null) {
        return forbiddenAddress(embedded).map(why -> "an IPv4-mapped " + why);
      }
      if ((b[0] & 0xfe) == 0xfc) {
        return Optional.of("a unique-local address (fc00::/7)");
      }
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("the any-local address");
    }
    if (address.isLoopbackAddress()) {
      return Optional.of("a loopback address");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("a link-local address");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("a private address");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    if (address instanceof Inet4Address v4) {
      byte[] b = v4.getAddress();
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 100 && second >= 64 && second <= 127) {
        return Optional.of("a carrier-grade NAT address (100.64/10)");
      }
      if (first == 0) {
        return Optional.of("a \"this network\" address (0/8)");
      }
      if (first >= 240) {
        return Optional.of("a reserved address (240/4)");
      }
    } else if (address instanceof Inet6Address v6) {
      byte[] b = v6.getAddress();
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
        return Optional.of("a site-local address (fec0::/10)");
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address inside ::ffff:a.b.c.d, ::a.b.c.d (compatible) or 64:ff9b::a.b.c.d (NAT64); else null. */
  private static InetAddress embeddedIpv4(byte[] b) {
    boolean zeros80 = true;
    for (int i = 0; i < 10; i++) {
      zeros80 &= b[i] == 0;
    }
    boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    if (!mapped && !compatible && !nat64) {
      return null;
    }
    try {
      return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
