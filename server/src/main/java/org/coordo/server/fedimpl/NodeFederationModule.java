package org.coordo.server.fedimpl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.coordo.federation.Federation;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.Uris;
import org.coordo.federation.delivery.DeliveryPolicy;
import org.coordo.federation.fetch.RemoteFetcher;
import org.coordo.server.app.HttpModule;
import org.coordo.server.app.NodeContext;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.service.publication.Publishing;

/**
 * The node's federation: built on the node's store from
 * its configuration, with publishing's lazy hooks; mounted before the accounts, pages and API.
 * Later modules get it through {@link #federation(NodeContext)} (a future completed at start).
 */
public final class NodeFederationModule implements HttpModule {
  private final Supplier<Publishing> publishing;
  private final boolean fastDelivery;
  private final Promise<Federation> built = Promise.promise();
  private volatile Federation federation;

  /**
   * @param publishing publishing's services once started (null before)
   * @param fastDelivery short poll and retry delays (tests, demo on loopback)
   */
  public NodeFederationModule(Supplier<Publishing> publishing, boolean fastDelivery) {
    this.publishing = publishing;
    this.fastDelivery = fastDelivery;
  }

  /** The federation, for modules started after this one. */
  public Future<Federation> federation(NodeContext ctx) {
    return built.future();
  }

  public Federation federation() {
    return federation;
  }

  @Override
  public Future<Void> start(NodeContext ctx) {
    NodeConfig c = ctx.config();
    FederationConfig config = new FederationConfig(c.publicUrl(), c.federation().allowPrivateAddresses(),
        c.federation().authorizedFetch(), c.federation().maxBodyBytes(), Duration.ofHours(1), ctx.version(),
        c.node().name(), Map.of("role", c.role().id()));
    String agent = RemoteFetcher.userAgent(ctx.version(), c.publicUrl());
    DeliveryPolicy policy = fastDelivery ? DeliveryPolicy.forTests(agent) : DeliveryPolicy.defaults(agent);
    return ctx.storage().call(store -> {
      Federation.Builder builder = Federation.builder(ctx.vertx(), store, config).clock(ctx.clock()).deliveryPolicy(policy)
          .actorExtension(new CollectiveActorExtension(new PublicationUris(new Uris(c.publicUrl()))));
      PublishingFederation.configure(builder, publishing);
      return builder.build();
    }).compose(f -> {
      federation = f;
      return f.start().onSuccess(v -> built.complete(f)).onFailure(built::tryFail);
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
