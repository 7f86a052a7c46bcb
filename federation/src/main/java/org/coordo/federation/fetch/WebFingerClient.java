package org.coordo.federation.fetch;

import org.coordo.federation.FetchException;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Resolves a handle ({@code @name@host}, {@code name@host} or {@code acct:name@host}; the host may carry a port)
 * to an actor id through {@code /.well-known/webfinger?resource=acct:name@host}, picking the {@code self} link
 * whose type is {@code application/activity+json} or {@code application/ld+json}.
 *
 * <p>The query goes over https, except to a loopback host ({@code 127.x}, {@code ::1}, {@code localhost}) when
 * private addresses are allowed: then http, so tests and the local demo work on {@code 127.0.0.1:port}.
 */
public final class WebFingerClient {
  public static final String JRD_ACCEPT = "application/jrd+json, application/json";
  private static final Pattern NAME = Pattern.compile("[^@/?#\\s]+");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

  private final RemoteFetcher fetcher;
  private final boolean allowPrivateAddresses;

  public WebFingerClient(RemoteFetcher fetcher, boolean allowPrivateAddresses) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.allowPrivateAddresses = allowPrivateAddresses;
  }

  /** A parsed handle: {@code name} and {@code host[:port]}. */
  public record Handle(String name, String host) {
    public String acct() {
      return "acct:" + name + "@" + host;
    }
  }

  /** Parses a handle; {@link IllegalArgumentException} with a readable message when it is not one. */
  public static Handle parse(String handle) {
    if (handle == null) {
      throw new IllegalArgumentException("no handle");
    }
    String h = handle.trim();
    if (h.regionMatches(true, 0, "acct:", 0, 5)) {
      h = h.substring(5);
    }
    if (h.startsWith("@")) {
      h = h.substring(1);
    }
    int at = h.lastIndexOf('@');
    if (at <= 0 || at == h.length() - 1) {
      throw new IllegalArgumentException("not a handle (expected name@host): " + handle);
    }
    String name = h.substring(0, at);
    String host = h.substring(at + 1).toLowerCase(Locale.ROOT);
    if (!NAME.matcher(name).matches() || !HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("not a handle (expected name@host): " + handle);
    }
    return new Handle(name, host);
  }

  /** The WebFinger URL for a handle. */
  public URI webFingerUrl(Handle handle) {
    String scheme = allowPrivateAddresses && isLoopbackHost(handle.host()) ? "http" : "https";
    return URI.create(scheme + "://" + handle.host() + "/.well-known/webfinger?resource="
        + URLEncoder.encode(handle.acct(), StandardCharsets.UTF_8));
  }

  /** Resolves a handle to its actor id. Fails with {@link IllegalArgumentException} or {@link FetchException}. */
  public Future<URI> resolveActorId(String handle) {
    Handle h;
    try {
      h = parse(handle);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    URI url = webFingerUrl(h);
    return fetcher.fetchJson(url, JRD_ACCEPT).compose(jrd -> {
      URI self = selfLink(jrd);
      return self != null ? Future.succeededFuture(self)
          : Future.failedFuture(new FetchException(FetchException.Reason.INVALID_JSON, url,
              "the WebFinger answer for " + h.acct() + " has no ActivityPub self link"));
    });
  }

  /** The href of the first {@code rel=self} link typed activity+json or ld+json, or null. */
  static URI selfLink(JsonObject jrd) {
    if (!(jrd.getValue("links") instanceof JsonArray links)) {
      return null;
    }
    for (Object o : links) {
      if (o instanceof JsonObject link && "self".equals(link.getValue("rel")) && link.getValue("type") instanceof String type
          && link.getValue("href") instanceof String href) {
        String mime = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (mime.equals("application/activity+json") || mime.equals("application/ld+json")) {
          try {
            URI uri = URI.create(href);
            if (uri.isAbsolute()) {
              return uri;
            }
          } catch (IllegalArgumentException ignored) {
            // try the next link
          }
        }
      }
    }
    return null;
  }

  private static boolean isLoopbackHost(String hostAndPort) {
    String host = hostAndPort;
    if (host.startsWith("[")) {
      host = host.substring(1, host.indexOf(']'));
    } else if (host.contains(":")) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (host.equals("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false; // a name: no lookup here (this runs on the event loop)
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress(); // a literal: no DNS query
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
