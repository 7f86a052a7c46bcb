package org.coordo.server.auth;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The form token: a random value per browser, kept in the {@value #COOKIE} cookie (HttpOnly,
 * SameSite=Strict) and repeated in every form's hidden {@value #FIELD} field (or, from a script, in
 * the {@value #HEADER} header). A cross-site page can neither read the cookie nor, with
 * SameSite=Strict, make the browser send it. The pages issue it ({@link #token}); the {@link
 * CrossSiteGuard} checks it ({@link #matches}) on every write.
 */
public final class CsrfToken {
  public static final String COOKIE = "coordo_csrf";
  public static final String FIELD = "csrf";
  public static final String HEADER = "X-CSRF-Token";
  private static final String KEY = "coordo.csrf";
  private static final int LENGTH = 43;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final boolean secure;

  /** @param secure whether the node is served over https (the cookie is then {@code Secure}) */
  public CsrfToken(boolean secure) {
    this.secure = secure;
  }

  /** The token of this browser, set as a cookie when it has none yet. */
  public String token(RoutingContext ctx) {
    String known = ctx.get(KEY);
    if (known != null) {
      return known;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    String token = cookie != null && cookie.getValue().length() == LENGTH ? cookie.getValue() : null;
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

  /** Whether the request repeats its cookie's token in the form field or the header. */
  static boolean matches(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie == null || cookie.getValue().length() != LENGTH) {
      return false;
    }
    String sent = ctx.request().getHeader(HEADER);
    if (sent == null && isForm(ctx.request().getHeader("Content-Type"))) {
      sent = ctx.request().getFormAttribute(FIELD);
    }
    return sent != null && MessageDigest.isEqual(
        cookie.getValue().getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isForm(String contentType) {
    String type = CrossSiteGuard.mediaType(contentType);
    return type.equals("application/x-www-form-urlencoded") || type.equals("multipart/form-data");
  }
}
