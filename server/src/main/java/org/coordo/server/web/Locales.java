package org.coordo.server.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * Picks the page language: {@code ?lang=} (which also sets the {@code lang} cookie, so the choice
 * sticks), else the {@code lang} cookie, else {@code Accept-Language}, else French.
 */
final class Locales {
  static final String COOKIE = "lang";

  private Locales() {}

  static String resolve(RoutingContext ctx) {
    String asked = ctx.queryParams().get("lang");
    if (asked != null && Messages.LANGUAGES.contains(asked)) {
      ctx.response().addCookie(Cookie.cookie(COOKIE, asked).setPath("/").setMaxAge(365L * 24 * 3600)
          .setSameSite(CookieSameSite.LAX).setHttpOnly(true));
      return asked;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if (cookie != null && Messages.LANGUAGES.contains(cookie.getValue())) {
      return cookie.getValue();
    }
    return fromAcceptLanguage(ctx.request().getHeader("Accept-Language"));
  }

  /** The best supported language for an {@code Accept-Language} header; French when none fits. */
  static String fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return Messages.DEFAULT;
    }
    try {
      List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
      String best = Locale.lookupTag(ranges, Messages.LANGUAGES);
      return best == null ? Messages.DEFAULT : best;
    } catch (IllegalArgumentException malformed) {
      return Messages.DEFAULT;
    }
  }
}
