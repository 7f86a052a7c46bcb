package org.coordo.server.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.coordo.federation.Ownership;
import org.coordo.federation.Uris;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.mail.SubscriptionLinks;

/**
 * The node's one defence against cross-site requests, installed once on the router after the
 * {@link AuthHandler}. A write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) goes on
 * when one of these holds:
 *
 * <ul>
 *   <li>it carries an {@code Authorization: Bearer} token (a script sent it on purpose; the session
 *       cookie is then ignored);
 *   <li>it repeats the browser's form token ({@link CsrfToken}) in the form or the {@value
 *       CsrfToken#HEADER} header;
 *   <li>it is a request no cross-site page can make without a CORS preflight, which this node never
 *       grants (a JSON body, or a {@code PUT}/{@code PATCH}/{@code DELETE}), and its {@code Origin},
 *       when present, is the node's public origin;
 *   <li>it is neither authenticated by the session cookie nor shaped like an HTML form (an anonymous
 *       API or federation call);
 *   <li>it is the one-click unsubscribe of an email subscription ({@code POST
 *       /subscriptions/unsubscribe/{id}/{key}}, RFC 8058): mail providers post it with no cookie and
 *       no token, and the secret key in its path is its proof. It only ever deletes that one
 *       subscription and reads no session. Every other route stays guarded.
 * </ul>
 *
 * Anything else (a {@code text/plain} or form POST riding on the session cookie, a form without its
 * token, a write from another origin) is refused with 403 and {@link #MESSAGE}: JSON from the
 * node's failure handler, a page under the members' space.
 */
public final class CrossSiteGuard implements Handler<RoutingContext> {
  /** The safe message of the 403; the pages recognise it to explain in the reader's language. */
  public static final String MESSAGE = "Cross-site request refused: send the page's form token, "
      + "or a JSON body from this node's origin, or authenticate with a bearer token.";

  private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
      HttpMethod.DELETE);
  private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data",
      "text/plain");
  private static final String BEARER = "bearer ";
  /** The one-click unsubscribe path: an id and its 43-character key. */
  private static final Pattern ONE_CLICK_UNSUBSCRIBE = Pattern.compile(
      Pattern.quote(SubscriptionLinks.UNSUBSCRIBE) + "[0-9a-z]{1,64}/[A-Za-z0-9_-]{43}");

  private final URI publicUrl;

  /** @param publicUrl the node's public URL; its scheme, host and port are the only accepted Origin */
  public CrossSiteGuard(URI publicUrl) {
    if (!Uris.isHttp(publicUrl)) {
      throw new IllegalArgumentException("not an origin: " + publicUrl);
    }
    this.publicUrl = publicUrl;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (allowed(ctx)) {
      ctx.next();
    } else {
      ctx.fail(refusal());
    }
  }

  /** The 403 this guard answers. */
  public static NodeError refusal() {
    return NodeError.forbidden(MESSAGE);
  }

  private boolean allowed(RoutingContext ctx) {
    HttpMethod method = ctx.request().method();
    if (!WRITES.contains(method)) {
      return true;
    }
    if (method == HttpMethod.POST && ONE_CLICK_UNSUBSCRIBE.matcher(ctx.normalizedPath()).matches()) {
      return true;
    }
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return true;
    }
    if (CsrfToken.matches(ctx)) {
      return true;
    }
    String sentOrigin = ctx.request().getHeader("Origin");
    if (sentOrigin != null && !sameOrigin(sentOrigin)) {
      return false;
    }
    String type = mediaType(ctx.request().getHeader("Content-Type"));
    if (isJson(type) || method != HttpMethod.POST) {
      return true;
    }
    boolean withSession = ctx.request().getCookie(AuthHandler.SESSION_COOKIE) != null;
    return !withSession && !FORM_TYPES.contains(type);
  }

  /** Whether the Origin header names the node's origin ("null" and garbage do not). */
  private boolean sameOrigin(String sent) {
    return Ownership.sameOrigin(sent.strip(), publicUrl);
  }

  /** {@code application/json} or any {@code application/…+json}. */
  static boolean isJson(String type) {
    return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
  }

  /** The media type of a Content-Type header: lower case, parameters dropped; "" when absent. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }
}
