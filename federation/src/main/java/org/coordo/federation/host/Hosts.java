package org.coordo.federation.host;

import java.net.URI;
import java.util.Locale;

/** The one spelling of a remote host as a key: {@code host[:port]}, lower case (delivery, health, profiles). */
public final class Hosts {
  private Hosts() {}

  public static String of(URI uri) {
    String host = uri.getHost() == null ? String.valueOf(uri.getAuthority()) : uri.getHost();
    host = host.toLowerCase(Locale.ROOT);
    return uri.getPort() == -1 ? host : host + ":" + uri.getPort();
  }
}
