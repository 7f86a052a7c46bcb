package org.coordo.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.coordo.server.auth.Principal;

/**
 * What every page template gets: the language and its messages ({@link #t}), the signed-in person,
 * the form token, the current path (for the language switcher) and the node's name.
 */
public final class PageContext {
  private final Messages.Bundle messages;
  private final String path;
  private final Optional<Principal> principal;
  private final String csrf;
  private final String host;

  PageContext(Messages.Bundle messages, String path, Optional<Principal> principal, String csrf, String host) {
    this.messages = messages;
    this.path = path;
    this.principal = principal;
    this.csrf = csrf;
    this.host = host;
  }

  /** The message {@code key} in the page's language, {@code {i}} replaced by {@code args[i]}. */
  public String t(String key, Object... args) {
    return messages.t(key, args);
  }

  public Messages.Bundle messages() {
    return messages;
  }

  public String lang() {
    return messages.lang();
  }

  /** The node's host (and port), as in handles {@code @name@host}. */
  public String host() {
    return host;
  }

  public Optional<Principal> principal() {
    return principal;
  }

  public boolean signedIn() {
    return principal.isPresent();
  }

  public boolean isAdmin() {
    return principal.map(Principal::isAdmin).orElse(false);
  }

  public String username() {
    return principal.map(Principal::username).orElse("");
  }

  /** The per-session form token every POST form carries in its {@code csrf} field. */
  public String csrf() {
    return csrf;
  }

  /** This page in another language. */
  public String switchTo(String lang) {
    int q = path.indexOf('?');
    String bare = q < 0 ? path : path.substring(0, q);
    StringBuilder query = new StringBuilder();
    if (q >= 0) {
      for (String part : path.substring(q + 1).split("&")) {
        if (!part.isEmpty() && !part.startsWith("lang=")) {
          query.append(part).append('&');
        }
      }
    }
    return bare + "?" + query + "lang=" + URLEncoder.encode(lang, StandardCharsets.UTF_8);
  }

  /** The other languages' tags, for the switcher. */
  public java.util.List<String> otherLanguages() {
    return Messages.LANGUAGES.stream().filter(l -> !l.equals(lang())).toList();
  }
}
