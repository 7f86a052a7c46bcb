package org.coordo.server.api.aggregation;

import io.vertx.ext.web.Router;
import org.coordo.server.app.NodeServices;
import org.coordo.server.app.RouteMounter;

/**
 * Aggregation's routes: {@code ./coordo follow}'s control route, {@code /api/agenda} and {@code
 * /api/national/…}, the collectives' whole feeds ({@code /collectives/{name}/feed.rss|feed.atom|
 * agenda.ics}) and, on a national node, the national feeds ({@code /national/feed.rss|feed.atom|
 * agenda.ics}). Mount after the accounts' routes.
 */
public final class AggregationApi implements RouteMounter {

  @Override
  public void mount(Router router, NodeServices node) {
    var platform = node.platform();
    new FollowControlRoutes(node.fed(), node.controlToken(), platform.bodyBudget()).mount(router);
    new AggregationRoutes(node.aggregation(), node.national(), platform.clock()).mount(router);
    new CollectiveFeedRoutes(node.publishing(), platform.version(), node.feedWorker(),
        // co-signed calls (issue 17): a call's items name its signatories
        org.coordo.server.feeds.FeedSignatories.of(AccountFeedNames.of(node.accounts()), node.cosigning())).mount(router);
    if (node.national() != null) {
      new NationalFeedRoutes(node.aggregation(), platform.config().publicUrl(), platform.config().node().name(),
          platform.version(), platform.clock(), node.feedWorker()).mount(router);
    }
  }
}
