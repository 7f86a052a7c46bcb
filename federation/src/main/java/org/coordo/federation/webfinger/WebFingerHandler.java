package org.coordo.federation.webfinger;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.coordo.federation.vocab.As;

/**
 * {@code GET /.well-known/webfinger?resource=…}: a thin handler over {@link WebFinger}; errors go
 * to the route's failure handler (JSON {@code {error, status}}). CORS open, as RFC 7033 asks.
 */
public final class WebFingerHandler implements Handler<RoutingContext> {

  private final WebFinger webFinger;

  public WebFingerHandler(WebFinger webFinger) {
    this.webFinger = webFinger;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response().putHeader("Access-Control-Allow-Origin", "*");
    var resources = ctx.queryParam("resource");
    String resource = resources.isEmpty() ? null : resources.get(0);
    webFinger.resolve(resource)
        .onSuccess(jrd -> ctx.response()
            .putHeader("Content-Type", As.JRD_CONTENT_TYPE)
            .end(jrd.encode()))
        .onFailure(ctx::fail);
  }
}
