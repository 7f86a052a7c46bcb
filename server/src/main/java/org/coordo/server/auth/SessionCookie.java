package org.coordo.server.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import java.time.Duration;

/**
 * The session cookie ({@value AuthHandler#SESSION_COOKIE}): {@code HttpOnly}, {@code
 * SameSite=Lax}, {@code Path=/}, {@code Secure} on https nodes. One place, so that the JSON login
 * and a login form set the same cookie.
 */
public final class SessionCookie {
  private SessionCookie() {}

  /** The cookie that carries a new session token for {@code lifetime}. */
  public static Cookie of(String token, Duration lifetime, boolean secure) {
    return base(token, secure).setMaxAge(lifetime.toSeconds());
  }

  /** The cookie that makes the browser forget the session (logout). */
  public static Cookie cleared(boolean secure) {
    return base("", secure).setMaxAge(0);
  }

  private static Cookie base(String value, boolean secure) {
    return Cookie.cookie(AuthHandler.SESSION_COOKIE, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX)
        .setSecure(secure);
  }
}
