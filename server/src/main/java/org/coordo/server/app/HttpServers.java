package org.coordo.server.app;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.coordo.server.config.ConfigSchema;

/**
 * The node's HTTP servers: one per event loop, all on the same address and port, sharing one router.
 * Vert.x hands each accepted connection to the next server in turn, so request handling (HTTP parsing,
 * JSON, routing) spreads over every core instead of one event loop. Handlers therefore run on several
 * event loops at once: the modules' shared state is thread-safe (concurrent maps, context-confined
 * workers such as delivery), as it already had to be for the worker pools.
 *
 * <p>Servers share a port only when they ask for the same one: with port 0 (tests), a free port is
 * picked first and every server then listens on it.
 */
final class HttpServers {
  private final Vertx vertx;
  private final String deploymentId;
  private final int port;
  private final int count;
  private final AtomicLong drainMillis;

  private HttpServers(Vertx vertx, String deploymentId, int port, int count, AtomicLong drainMillis) {
    this.vertx = vertx;
    this.deploymentId = deploymentId;
    this.port = port;
    this.count = count;
    this.drainMillis = drainMillis;
  }

  /**
   * Starts {@code count} servers (each on its own event loop) on {@code host:port}, as a deployment
   * of the calling verticle: undeploying that verticle stops them first, each draining in-flight requests
   * for up to {@code drainMillis}.
   */
  static Future<HttpServers> start(Vertx vertx, Router router, int port, String host, int count, long drainMillis) {
    int chosen;
    try {
      chosen = port != 0 || count == 1 ? port : freePort(host);
    } catch (UncheckedIOException e) {
      return Future.failedFuture(e.getCause());
    }
    AtomicInteger actual = new AtomicInteger();
    AtomicLong drain = new AtomicLong(drainMillis);
    return vertx.deployVerticle(() -> new ServerVerticle(router, chosen, host, actual, drain),
            new DeploymentOptions().setInstances(count))
        .map(id -> new HttpServers(vertx, id, actual.get(), count, drain))
        .recover(e -> Future.failedFuture(isBusy(e) ? new PortBusyException(host, chosen, e) : e));
  }

  private static boolean isBusy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException
          || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
        return true;
      }
    }
    return false;
  }

  /** The port is taken: says which, and which key (and variable) chooses another. */
  static final class PortBusyException extends IOException {
    PortBusyException(String host, int port, Throwable cause) {
      super("port " + port + " on " + host + " is already in use (another Coordo or another program):"
          + " stop it, or choose another port with " + ConfigSchema.PORT.path() + " in the configuration file"
          + " or " + ConfigSchema.PORT.envName() + "=PORT", cause);
    }
  }

  int port() {
    return port;
  }

  int count() {
    return count;
  }

  /**
   * Stops accepting, lets in-flight requests finish for up to {@code drainMillis}, then closes. Nothing
   * to do when the parent verticle's undeployment already stopped them.
   */
  Future<Void> shutdown(long drainMillis) {
    if (!vertx.deploymentIDs().contains(deploymentId)) {
      return Future.succeededFuture();
    }
    this.drainMillis.set(drainMillis);
    // The parent's undeployment may be stopping them at this very moment: that is not a failure.
    return vertx.undeploy(deploymentId).recover(e -> vertx.deploymentIDs().contains(deploymentId)
        ? Future.failedFuture(e) : Future.succeededFuture());
  }

  private static int freePort(String host) {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One server on the event loop of its own context. */
  private static final class ServerVerticle extends VerticleBase {
    /** No limit of its own per form field (see {@link HttpServerOptions#setMaxFormAttributeSize}). */
    private static final int UNBOUNDED_FORM_FIELD = -1;

    private final Router router;
    private final int port;
    private final String host;
    private final AtomicInteger actual;
    private final AtomicLong drainMillis;
    private HttpServer server;

    ServerVerticle(Router router, int port, String host, AtomicInteger actual, AtomicLong drainMillis) {
      this.router = router;
      this.port = port;
      this.host = host;
      this.actual = actual;
      this.drainMillis = drainMillis;
    }

    @Override
    public Future<?> start() {
      // A form field may be as large as the body that carries it: every route that decodes a form has a
      // BodyHandler whose limit bounds it (Netty's default of 8 KiB per field refused a 1,300-word text).
      return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true)
              .setMaxFormAttributeSize(UNBOUNDED_FORM_FIELD))
          .requestHandler(router)
          .listen(port, host)
          .onSuccess(s -> {
            server = s;
            actual.set(s.actualPort());
          });
    }

    @Override
    public Future<?> stop() {
      return server == null ? Future.succeededFuture() : server.shutdown(drainMillis.get(), TimeUnit.MILLISECONDS);
    }
  }
}
