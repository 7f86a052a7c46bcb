package org.coordo.server.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;
import org.coordo.server.error.NodeError;

/**
 * Reads the session cookie ({@value #SESSION_COOKIE}) or an {@code Authorization: Bearer} token,
 * loads the principal through the {@link Authenticator} (which works on a worker) and puts it in
 * the routing context. Requests without credentials go on anonymously; a bad session cookie is
 * ignored (anonymous); a bad bearer token is refused with 401 because a script sent it on purpose.
 *
 * <p>Handlers read the result with {@link #principal(RoutingContext)} or {@link
 * #require(RoutingContext)}; the latter throws a 401 ({@link NodeError#unauthenticated()}), which the node's
 * failure handler turns into JSON. What a route needs is declared where it is registered and checked
 * by the {@link AccessGate}, after this handler; services keep the checks that depend on the action
 * (publish or only draft, one's own draft), through {@link Principal#requirePublishFor} and friends.
 */
public final class AuthHandler implements Handler<RoutingContext> {

  public static final String SESSION_COOKIE = "coordo_session";
  private static final String PRINCIPAL_KEY = "coordo.principal";
  private static final String BEARER = "bearer ";

  private final Authenticator authenticator;

  public AuthHandler(Authenticator authenticator) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.get(PRINCIPAL_KEY) != null) {
      ctx.next(); // already authenticated by an earlier mount of this handler
      return;
    }
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).trim();
      authenticator
          .byBearerToken(token)
          .onSuccess(
              p -> {
                if (p.isEmpty()) {
                  ctx.fail(NodeError.unauthenticated("Invalid or revoked token."));
                } else {
                  ctx.put(PRINCIPAL_KEY, p.get());
                  ctx.next();
                }
              })
          .onFailure(ctx::fail);
      return;
    }
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    if (cookie == null || cookie.getValue().isEmpty()) {
      ctx.next();
      return;
    }
    authenticator
        .bySessionToken(cookie.getValue())
        .onSuccess(
            p -> {
              p.ifPresent(principal -> ctx.put(PRINCIPAL_KEY, principal));
              ctx.next();
            })
        .onFailure(ctx::fail);
  }

  /** The authenticated principal of this request, if any. */
  public static Optional<Principal> principal(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(PRINCIPAL_KEY));
  }

  /**
   * The authenticated principal; throws a 401 ({@link NodeError#unauthenticated()}) when
   * there is none, which the node's failure handler turns into JSON.
   */
  public static Principal require(RoutingContext ctx) {
    Optional<Principal> p = principal(ctx);
    if (p.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"coordo\"");
      throw NodeError.unauthenticated();
    }
    return p.get();
  }

  /** Ends the response with 403 and a JSON body naming what is missing. */
  public static void forbidden(RoutingContext ctx, String message) {
    ctx.fail(NodeError.forbidden(message));
  }
}
