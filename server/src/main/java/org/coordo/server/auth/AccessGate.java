package org.coordo.server.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.coordo.server.error.NodeError;

/**
 * The one place where routes check roles. A route declares what it needs when it is registered,
 * {@code AccessGate.api(router.get(path), Access.EDITOR).handler(h)}; the gate stores the
 * declaration on the route ({@link #METADATA}, which the route walk and docs/ROUTES.md read back
 * from the router) and runs the check ahead of the handler.
 *
 * <p>The answers, the same on every route: an anonymous caller of a route that needs an account is
 * sent to the login page (pages, 303) or gets 401 (JSON API, with {@code WWW-Authenticate}); a
 * signed-in person without the role gets 403 naming what is missing. Content a reader may not see
 * on a public route (a draft, an unknown id) is the handler's 404, as if it did not exist.
 */
public final class AccessGate {
  /** The route metadata key holding its {@link Access}. */
  public static final String METADATA = "coordo.access";
  /** The route metadata key holding its surface: {@code page} or {@code api}. */
  public static final String SURFACE = "coordo.surface";
  public static final String LOGIN_PAGE = "/espace/login";

  private AccessGate() {}

  /** A JSON API route: anonymous callers of a signed-in route get 401. */
  public static Route api(Route route, Access access) {
    return declare(route, access, false);
  }

  /** A page: anonymous visitors of a signed-in page are sent to the login page. */
  public static Route page(Route route, Access access) {
    return declare(route, access, true);
  }

  /** The declared access of a mounted route, if it has one. */
  public static Optional<Access> declared(Route route) {
    return Optional.ofNullable(route.getMetadata(METADATA));
  }

  private static Route declare(Route route, Access access, boolean page) {
    route.putMetadata(METADATA, access).putMetadata(SURFACE, page ? "page" : "api");
    if (!access.needsPrincipal()) {
      return route;
    }
    return route.handler(check(access, page));
  }

  private static Handler<RoutingContext> check(Access access, boolean page) {
    return ctx -> {
      Optional<Principal> who = AuthHandler.principal(ctx);
      if (who.isEmpty()) {
        if (page) {
          ctx.response().setStatusCode(303).putHeader("Location", LOGIN_PAGE)
              .putHeader("Cache-Control", "no-store").end();
        } else {
          ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"coordo\"");
          ctx.fail(NodeError.unauthenticated());
        }
        return;
      }
      access.allows(who.get(), ctx).onComplete(allowed -> {
        if (allowed.failed()) {
          ctx.fail(allowed.cause());
        } else if (allowed.result()) {
          ctx.next();
        } else {
          ctx.fail(NodeError.forbidden(refusal(access, Access.collective(ctx))));
        }
      });
    };
  }

  private static String refusal(Access access, String collective) {
    if (access == Access.ADMIN) {
      return "Only a node administrator can do this.";
    }
    if (access == Access.EDITOR) {
      return "You need the editor role in collective '" + collective + "' to do this.";
    }
    if (access == Access.MEMBER) {
      return "You are not a member of collective '" + collective + "'.";
    }
    return "You need this role: " + access.description() + ".";
  }
}
