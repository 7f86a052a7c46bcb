package org.coordo.server.app;

import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.api.account.AccountRoutes;
import org.coordo.server.api.aggregation.AggregationApi;
import org.coordo.server.api.publication.PublicationRoutes;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.web.WebRoutes;

/**
 * The node's route groups, in the order they are mounted: health, (metrics,) control, the
 * federation's protocol routes, accounts (whose {@code AuthHandler} then runs on every later
 * route), (the pages,) publishing, aggregation, and any extra routes of the options.
 */
public final class NodeRoutes {
  private NodeRoutes() {}

  public static List<RouteMounter> of(NodeOptions options) {
    List<RouteMounter> all = new ArrayList<>();
    all.add(new HealthRoutes());
    if (options.metrics()) {
      all.add(new MetricsRoutes());
    }
    all.add(new ControlRoutes());
    all.add((router, node) -> node.federation().mount(router));
    all.add(new AccountRoutes());
    if (options.pages()) {
      all.add(NodeRoutes::pages);
    }
    all.add(NodeRoutes::publications);
    all.add(new AggregationApi());
    all.addAll(options.extraRoutes());
    return all;
  }

  /** The HTML pages (a test may mount them elsewhere in the order). */
  public static void pages(Router router, NodeServices node) {
    NodeConfig config = node.platform().config();
    new WebRoutes(node.platform().vertx(), node.accounts(), node.publishing(),
        config.role() == NodeConfig.Role.NATIONAL ? node.aggregation() : null, node.national(), node.fed(), config.publicUrl(),
        uploads(config), node.platform().bodyBudget(), config.http().maxBodyBytes(), node.subscriptions()).mount(router);
  }

  private static void publications(Router router, NodeServices node) {
    new PublicationRoutes(node.publishing(), null, uploads(node.platform().config()), node.fed(),
        node.platform().bodyBudget()).mount(router);
  }

  private static Path uploads(NodeConfig config) {
    return config.dataDir().resolve("media").resolve(".uploads");
  }
}
