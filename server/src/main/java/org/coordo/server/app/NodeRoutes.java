package org.coordo.server.app;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import org.coordo.server.api.account.AccountRoutes;
import org.coordo.server.api.aggregation.AggregationApi;
import org.coordo.server.api.publication.PublicationRoutes;
import org.coordo.server.auth.Access;
import org.coordo.server.auth.AccessGate;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.web.ToolboxRoutes;
import org.coordo.server.feeds.MemberCalendarRoutes;
import org.coordo.server.feeds.PublicationCalendarSource;
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
    all.add(NodeRoutes::protocol);
    all.add(new AccountRoutes());
    if (options.pages()) {
      all.add(NodeRoutes::pages);
      all.add(NodeRoutes::toolbox);
    }
    all.add(NodeRoutes::publications);
    all.add(new AggregationApi());
    all.add(new org.coordo.server.api.group.GroupRoutes()); // working groups (issue 16)
    all.add(new org.coordo.server.api.mail.SubscriberApi()); // email subscribers, admins only (helper "mail-subs")
    all.addAll(options.extraRoutes());
    return all;
  }

  /**
   * Federation's protocol routes (WebFinger, NodeInfo, actors, inboxes, outboxes, collections, the
   * objects' ActivityStreams form): open to anyone, authenticated by HTTP signatures inside
   * federation, which knows nothing of the node's roles. They are declared {@link Access#PROTOCOL}
   * here, so that every mounted route carries a declaration (docs/ROUTES.md, the route walk).
   */
  static void protocol(Router router, NodeServices node) {
    Set<Route> before = Collections.newSetFromMap(new IdentityHashMap<>());
    before.addAll(router.getRoutes());
    node.federation().mount(router);
    for (Route route : router.getRoutes()) {
      if (before.contains(route)) {
        continue;
      }
      if (route.getPath() != null && AccessGate.declared(route).isEmpty()) {
        route.putMetadata(AccessGate.METADATA, Access.PROTOCOL).putMetadata(AccessGate.SURFACE, "api");
      }
    }
  }

  /** The HTML pages (a test may mount them elsewhere in the order). */
  public static void pages(Router router, NodeServices node) {
    NodeConfig config = node.platform().config();
    // working groups (issue 16): ahead of the pages, for a public group's actor asked for by a browser
    new org.coordo.server.web.GroupPages(node.accounts(), node.groups(), config.publicUrl()).mount(router);
    new WebRoutes(node.platform().vertx(), node.accounts(), node.publishing(),
        config.role() == NodeConfig.Role.NATIONAL ? node.aggregation() : null, node.national(), node.fed(), config.publicUrl(),
        uploads(config), node.platform().bodyBudget(), config.http().maxBodyBytes(), node.subscriptions()).mount(router);
  }

  /** The collectives' toolboxes (issue 16): public shelf, documents, downloads, members' space. */
  private static void toolbox(Router router, NodeServices node) {
    NodeConfig config = node.platform().config();
    new ToolboxRoutes(node.platform().vertx(), node.accounts(), node.toolbox(), config.publicUrl(), uploads(config),
        node.platform().bodyBudget()).mount(router);
  }

  private static void publications(Router router, NodeServices node) {
    new PublicationRoutes(node.publishing(), null, uploads(node.platform().config()), node.fed(),
        node.platform().bodyBudget()).mount(router);
    // members' private calendars (issue 16): their collectives' events and their working groups' meetings
    new MemberCalendarRoutes(node.publishing().calendars, node.accounts().users()::principalOf,
        List.of(new PublicationCalendarSource(node.publishing().service, node.publishing().uris,
            org.coordo.server.service.publication.PublicationService.MAX_PAGE),
            new org.coordo.server.feeds.MeetingCalendarSource(node.groups().planning())),
        node.feedWorker(), node.platform().version(), node.platform().clock()).mount(router);
  }

  private static Path uploads(NodeConfig config) {
    return config.storage().filesDir().resolve("media").resolve(".uploads");
  }
}
