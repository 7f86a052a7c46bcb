package org.coordo.federation.http;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.spi.ObjectDispatcher;
import org.coordo.federation.spi.ServedObject;
import org.coordo.federation.vocab.Negotiation;

/**
 * The {@code GET} of every path an {@link ObjectDispatcher} serves: an ActivityStreams client gets
 * the object's JSON with {@code Vary: Accept} (after the authorized-fetch check) or a JSON error;
 * any other request goes on ({@code ctx.next()}), untouched, to the server's page route for the same
 * path, which sets its own headers ({@code Vary} included: a page varies by more than Accept).
 */
final class ObjectRoutes {
  private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

  private final Uris uris;
  private final List<ObjectDispatcher> dispatchers;
  private final AuthorizedFetch authorizedFetch;

  ObjectRoutes(Uris uris, List<ObjectDispatcher> dispatchers, AuthorizedFetch authorizedFetch) {
    this.uris = uris;
    this.dispatchers = List.copyOf(dispatchers);
    this.authorizedFetch = authorizedFetch;
  }

  void mount(Router router) {
    for (ObjectDispatcher dispatcher : dispatchers) {
      for (String template : dispatcher.paths()) {
        router.get(vertxPath(template)).handler(ctx -> serve(ctx, dispatcher)).failureHandler(Responses::failure);
      }
    }
  }

  private void serve(RoutingContext ctx, ObjectDispatcher dispatcher) {
    if (!Negotiation.wantsActivityStreams(ctx.request().getHeader("Accept"))) {
      Responses.passOn(ctx);
      return;
    }
    authorizedFetch.check(ctx)
        .compose(signer -> find(ctx, dispatcher))
        .onSuccess(found -> found.ifPresentOrElse(
            object -> Responses.activityJson(ctx, object.status(), object.document()),
            () -> ctx.fail(FederationException.notFound(dispatcher.notFoundMessage()))))
        .onFailure(ctx::fail);
  }

  /** The object the request names: its id is the node's public URL and the request's normalised path. */
  private Future<Optional<ServedObject>> find(RoutingContext ctx, ObjectDispatcher dispatcher) {
    URI id;
    try {
      id = URI.create(uris.base() + ctx.normalizedPath());
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(Optional.empty());
    }
    return dispatcher.find(id);
  }

  /** {@code /a/{b}/c} → {@code /a/:b/c}. */
  static String vertxPath(String template) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException("an object path template starts with /: " + template);
    }
    return VARIABLE.matcher(template).replaceAll(":$1");
  }
}
