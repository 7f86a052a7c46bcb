package org.coordo.server.web;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;
import org.coordo.federation.Federation;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.delivery.DeliveryPolicy;
import org.coordo.server.app.HttpModule;
import org.coordo.server.app.NodeContext;
import org.coordo.server.fedimpl.PublishingFederation;
import org.coordo.server.service.publication.Publishing;

/**
 * The node's federation for web tests (the production node module is another helper's): built
 * on the node's store with loopback test settings and publishing's lazy hooks, mounted before the
 * accounts and the pages.
 */
final class TestFederationModule implements HttpModule {
  private final Supplier<Publishing> publishing;
  private volatile Federation federation;

  TestFederationModule(Supplier<Publishing> publishing) {
    this.publishing = publishing;
  }

  Federation federation() {
    return federation;
  }

  @Override
  public Future<Void> start(NodeContext ctx) {
    return ctx.storage().call(store -> {
      Federation.Builder builder = Federation.builder(ctx.vertx(), store, FederationConfig.forTests(ctx.config().publicUrl()))
          .deliveryPolicy(DeliveryPolicy.forTests("Coordo-web-test"));
      PublishingFederation.configureLazily(builder, publishing);
      return builder.build();
    }).compose(built -> {
      federation = built;
      return built.start();
    });
  }

  @Override
  public void mount(Router router, NodeContext ctx) {
    federation.mount(router);
  }

  @Override
  public Future<Void> stop() {
    return federation == null ? Future.succeededFuture() : federation.stop();
  }
}
