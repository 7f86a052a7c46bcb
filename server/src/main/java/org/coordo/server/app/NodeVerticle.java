package org.coordo.server.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import org.coordo.federation.BodyBudget;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.web.WebRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's HTTP application. Start: open the store ({@link StoreBackend}) on the {@code coordo-storage} worker, assemble
 * and start the node ({@link NodeAssembly}), mount its routes ({@link NodeRoutes}), listen, write the
 * run file. Stop: drain the HTTP server, stop what the assembly started (reverse order), close the
 * store, delete the run file.
 */
public final class NodeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(NodeVerticle.class);
  static final String STORAGE_WORKER = "coordo-storage";

  private final NodeConfig config;
  private final NodeOptions options;
  private final PrometheusMeterRegistry metrics;
  private final DataDir dataDir;
  private final NodeAssembly assembly = new NodeAssembly();
  private volatile NodeServices services;
  private WorkerExecutor worker;
  private NodeStorage storage;
  private HttpServers servers;
  private boolean wroteRunFile;

  public NodeVerticle(NodeConfig config, NodeOptions options, PrometheusMeterRegistry metrics) {
    this.config = config;
    this.options = options;
    this.metrics = metrics;
    this.dataDir = new DataDir(config.dataDir());
  }

  /** What the assembly built (after start). */
  public NodeServices services() {
    return services;
  }

  /** The port the server listens on (after start). */
  public int actualPort() {
    return servers.port();
  }

  @Override
  public Future<?> start() {
    worker = vertx.createSharedWorkerExecutor(STORAGE_WORKER, config.storage().workers());
    return worker.executeBlocking(() -> {
          Files.createDirectories(dataDir.root());
          return new NodeStorage(StoreBackend.open(vertx, config, options.clock()), worker);
        }, false)
        .compose(opened -> {
          storage = opened;
          LOG.info("storage open: {} (schema version {})", storage.description(), storage.schemaVersion());
          NodeContext ctx = new NodeContext(vertx, config, storage, metrics, options.clock(), Version.current(),
              bodyBudget(metrics));
          return assembly.start(ctx, options).map(built -> {
            services = built;
            return router(built);
          });
        })
        .compose(router -> HttpServers.start(vertx, router, config.port(), config.bindAddress(),
            config.http().effectiveEventLoops(), config.http().drainTimeout().toMillis()))
        .compose(listening -> {
          servers = listening;
          RunFile run = RunFile.ofCurrentProcess(servers.port(), config.bindAddress(), Version.current());
          return worker.executeBlocking(() -> {
            run.write(dataDir.runFile());
            wroteRunFile = true;
            return null;
          }, false);
        })
        .onSuccess(v -> LOG.info("listening on http://{}:{} (public URL {}, role {}, data {}, storage {}, {} event loops; {} ms after JVM start)",
            hostForUrl(config.bindAddress()), servers.port(), config.publicUrl(), config.role().id(),
            config.dataDir(), storage.description(), servers.count(), ManagementFactory.getRuntimeMXBean().getUptime()))
        .recover(failure -> shutdown(0).transform(ignored -> Future.failedFuture(failure)));
  }

  @Override
  public Future<?> stop() {
    return shutdown(config.http().drainTimeout().toMillis());
  }

  private Router router(NodeServices node) {
    NodeContext ctx = node.platform();
    Router router = Router.router(vertx);
    if (config.http().behindProxy()) {
      // The proxy's X-Forwarded-For becomes request.remoteAddress() (login rate limits). Control
      // routes still refuse any forwarded request (ControlRoutes.isLocalCaller).
      router.allowForward(AllowForwardHeaders.X_FORWARD);
    }
    ErrorResponses errors = new ErrorResponses(config.http().maxBodyBytes());
    if (options.pages()) {
      errors = errors.withPages(WebRoutes.errorPage(config.publicUrl()), WebRoutes.FORM_PATHS);
    }
    // First of all, even ahead of the route groups' order(-1) routes: matching a route path decodes the URL.
    router.route().order(Integer.MIN_VALUE).handler(new RequestLog());
    router.route().order(Integer.MIN_VALUE).handler(new UrlGuard(errors));
    long maxBody = config.http().maxBodyBytes();
    router.route().handler(ctx.bodyBudget().guard(maxBody, BodyHandler.create(false).setBodyLimit(maxBody)));
    for (RouteMounter routes : NodeRoutes.of(options)) {
      routes.mount(router, node);
    }
    // Last, so that a route group's own failure handler (on its paths) runs first and may ctx.next() here.
    router.route().failureHandler(errors);
    router.errorHandler(404, errors);
    router.errorHandler(405, errors);
    return router;
  }

  /** The node's one body budget, with its use and refusals as metrics. */
  private BodyBudget bodyBudget(PrometheusMeterRegistry registry) {
    BodyBudget budget = new BodyBudget(config.http().bodyMemoryBytes());
    if (registry == null) {
      return budget;
    }
    Gauge.builder("coordo.http.body.budget.used", budget, BodyBudget::inUse).baseUnit("bytes")
        .description("Memory reserved by request bodies in flight").register(registry);
    FunctionCounter.builder("coordo.http.body.budget.refused", budget, BodyBudget::refused)
        .description("Requests answered 503 because the body budget was spent").register(registry);
    return budget;
  }

  /** Undoes whatever start did, in reverse; every step runs even if an earlier one failed. */
  private Future<Void> shutdown(long drainMillis) {
    Future<Void> done = servers == null ? Future.succeededFuture()
        : servers.shutdown(drainMillis).onFailure(e -> LOG.warn("HTTP shutdown", e));
    done = done.eventually(assembly::stop);
    if (storage != null) {
      NodeStorage closing = storage;
      done = done.eventually(() -> closing.close().onFailure(e -> LOG.warn("closing storage", e)));
    }
    return done
        .eventually(() -> !wroteRunFile ? Future.succeededFuture() : worker.executeBlocking(() -> {
          Files.deleteIfExists(dataDir.runFile());
          return null;
        }, false))
        .eventually(() -> worker == null ? Future.succeededFuture() : worker.close())
        .mapEmpty();
  }

  private static String hostForUrl(String bindAddress) {
    return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
  }
}
