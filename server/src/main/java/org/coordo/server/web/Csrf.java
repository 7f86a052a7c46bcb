package org.coordo.server.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Form protection: a random token per browser session, kept in the {@value #COOKIE} cookie
 * (HttpOnly, SameSite=Strict) and repeated in every form's hidden {@value #FIELD} field. A POST
 * whose field does not match its cookie is refused with 403 (a cross-site page can neither read the
 * cookie nor, with SameSite=Strict, make the browser send it).
 */
final class Csrf {
  static final String COOKIE = "coordo_csrf";
  static final String FIELD = "csrf";
  private static final String KEY = "coordo.csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final boolean secure;

  Csrf(boolean secure) {
    this.secure = secure;
  }

  /** The token of this browser, set as a cookie when it has none yet. */
  String token(RoutingContext ctx) {
    String known = ctx.get(KEY);
    if (known != null) {
      return known;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String token = cookie != null && cookie.getValue().length() == 43 ? cookie.getValue() : null;
    if (token == null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      ctx.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
          .setSameSite(CookieSameSite.STRICT).setSecure(secure));
    }
    ctx.put(KEY, token);
    return token;
  }

  /** Throws 403 unless the form's token matches the cookie. */
  void check(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String sent = ctx.request().getFormAttribute(FIELD);
    if (cookie == null || sent == null || !MessageDigest.isEqual(
        cookie.getValue().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
      throw new HttpException(403, "bad form token");
    }
  }
}
