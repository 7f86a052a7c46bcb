package org.coordo.server.api.aggregation;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.coordo.federation.Federation;
import org.coordo.server.app.HttpModule;
import org.coordo.server.app.NodeContext;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.domain.aggregation.NationalSettings;
import org.coordo.server.domain.aggregation.ReannouncePolicy;
import org.coordo.server.fedimpl.AggregationBackfill;
import org.coordo.server.fedimpl.AggregationInboxListener;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.aggregation.AggregatedItemConverter;
import org.coordo.server.service.aggregation.AggregationService;
import org.coordo.server.service.aggregation.NationalService;
import org.coordo.server.text.HtmlSanitizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregation on the node: received calls, minutes and events of followed collectives are indexed
 * on every node (inbox listeners registered on the node's federation, outbox backfill when a follow
 * is accepted) and served by {@code /api/agenda} and {@code /api/national/…}. On a national node
 * ({@code role: national}) it also ensures the national group, follows the configured collectives
 * (in the background: they may not be up yet), re-announces by policy, and serves the admin routes
 * and the national feeds ({@code /national/feed.rss|feed.atom|agenda.ics}).
 *
 * <p>Mount after the module that builds the federation and after the accounts module.
 */
public final class AggregationModule implements HttpModule {
  private static final Logger LOG = LoggerFactory.getLogger(AggregationModule.class);

  private final Function<NodeContext, Future<Federation>> federationSource;
  private final Supplier<Accounts> accounts;
  private final Supplier<org.coordo.server.service.publication.Publishing> publishing;
  private volatile AggregationService service;
  private volatile NationalService national;
  private volatile AggregationBackfill backfill;
  private volatile Federation federation;
  private volatile String controlToken;
  private io.vertx.core.WorkerExecutor feedWorker;
  private volatile long retryTimer = -1;
  private volatile io.vertx.core.Vertx vertx;
  /** How often configured follows that could not be sent are asked again. */
  public static final java.time.Duration FOLLOW_RETRY = java.time.Duration.ofMinutes(10);
  /** The named pool feeds are rendered on. */
  public static final String FEED_WORKER = "coordo-feeds";

  /**
   * @param federationSource the node's federation (built by an earlier module)
   * @param accounts the accounts (to create the national group as a collective, with members); may
   *     answer null, then the group is a bare Group actor
   */
  public AggregationModule(Function<NodeContext, Future<Federation>> federationSource, Supplier<Accounts> accounts) {
    this(federationSource, accounts, null);
  }

  /**
   * @param publishing the collectives' publishing, for their whole feeds ({@code /collectives/{name}/feed.rss|
   *     feed.atom|agenda.ics}); null: not mounted
   */
  public AggregationModule(Function<NodeContext, Future<Federation>> federationSource, Supplier<Accounts> accounts,
      Supplier<org.coordo.server.service.publication.Publishing> publishing) {
    this.federationSource = federationSource;
    this.accounts = accounts;
    this.publishing = publishing;
  }

  @Override
  public Future<Void> start(NodeContext ctx) {
    vertx = ctx.vertx();
    Future<String> token = FollowControlRoutes.readToken(ctx.vertx(),
        new org.coordo.server.app.DataDir(ctx.config().dataDir()).controlToken()).andThen(t -> controlToken = t.result());
    return token.compose(t -> federationSource.apply(ctx)).compose(fed -> ctx.storage().call(AggregationRepository::new).compose(repo -> {
      federation = fed;
      AggregationService.Blocking blocking = new AggregationService.Blocking() {
        @Override
        public <T> Future<T> run(Callable<T> work) {
          return ctx.storage().call(store -> {
            try {
              return work.call();
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
        }
      };
      service = new AggregationService(repo, blocking, new AggregatedItemConverter(new HtmlSanitizer()), ctx.clock(),
          org.coordo.server.text.TextWork.on(ctx.vertx()));
      AggregationInboxListener listener = new AggregationInboxListener(fed, service);
      listener.register(fed.listeners()::on);
      backfill = new AggregationBackfill(fed, listener);
      fed.listeners().on("Accept", backfill.onAccept());
      if (ctx.config().role() != NodeConfig.Role.NATIONAL) {
        return Future.succeededFuture();
      }
      NodeConfig.National n = ctx.config().national();
      NationalSettings settings = new NationalSettings(n.group(), ctx.config().node().name(), n.follow(),
          ReannouncePolicy.parse(n.reannounce()).orElse(ReannouncePolicy.EVENTS_AND_CALLS));
      NationalService nat = new NationalService(fed, service, settings, ctx.clock());
      service.onNewItem(nat::onNewItem);
      national = nat;
      return nat.ensureGroup(s -> {
        Accounts a = accounts == null ? null : accounts.get();
        return a == null ? null : a.collectives().create(s.groupName(), s.displayName(),
            "Coordination nationale : l'agenda et les appels de toutes les villes.", true);
      }).map(group -> {
        nat.followConfigured().onComplete(ar -> LOG.info("national: configured follows sent ({})", settings.follow().size()));
        retryTimer = ctx.vertx().setPeriodic(FOLLOW_RETRY.toMillis(), id -> nat.retryFailedFollows());
        return null;
      });
    }));
  }

  @Override
  public void mount(Router router, NodeContext ctx) {
    new FollowControlRoutes(federation, controlToken, ctx.bodyBudget()).mount(router);
    new AggregationRoutes(service, national, ctx.clock()).mount(router);
    if (publishing != null) {
      new CollectiveFeedRoutes(publishing, ctx.version(), feedWorker(ctx)).mount(router);
    }
    if (national != null) {
      new NationalFeedRoutes(service, ctx.config().publicUrl(), ctx.config().node().name(), ctx.version(), ctx.clock(),
          feedWorker(ctx)).mount(router);
    }
  }

  private io.vertx.core.WorkerExecutor feedWorker(NodeContext ctx) {
    if (feedWorker == null) {
      feedWorker = ctx.vertx().createSharedWorkerExecutor(FEED_WORKER, 2);
    }
    return feedWorker;
  }

  @Override
  public Future<Void> stop() {
    if (retryTimer >= 0 && vertx != null) {
      vertx.cancelTimer(retryTimer);
    }
    return feedWorker == null ? Future.succeededFuture() : feedWorker.close();
  }

  /** Received publications (agenda, listings), once started. */
  public AggregationService service() {
    return service;
  }

  /** The national coordination, on a national node once started; null otherwise. */
  public NationalService national() {
    return national;
  }

  /** Outbox backfill (also callable directly, e.g. after an admin's follow). */
  public AggregationBackfill backfill() {
    return backfill;
  }
}
