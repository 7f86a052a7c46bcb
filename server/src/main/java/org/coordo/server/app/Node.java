package org.coordo.server.app;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.List;
import org.coordo.server.config.NodeConfig;

/**
 * One running node: owns its Vert.x instance (with Micrometer metrics), the metrics registry and
 * the deployed {@link NodeVerticle}. {@link #stop} undeploys (drain, modules, store) and closes
 * Vert.x.
 */
public final class Node {
  private final Vertx vertx;
  private final JvmGcMetrics gcMetrics;
  private final NodeVerticle verticle;
  private final String deploymentId;

  private Node(Vertx vertx, JvmGcMetrics gcMetrics, NodeVerticle verticle, String deploymentId) {
    this.vertx = vertx;
    this.gcMetrics = gcMetrics;
    this.verticle = verticle;
    this.deploymentId = deploymentId;
  }

  /** Starts a node with the given modules; fails (with Vert.x closed) if any start step fails. */
  public static Future<Node> start(NodeConfig config, List<HttpModule> modules) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    NodeVerticle verticle = new NodeVerticle(config, modules, registry);
    return vertx.deployVerticle(verticle)
        .map(id -> new Node(vertx, gc, verticle, id))
        .recover(failure -> vertx.close().eventually(() -> {
          gc.close();
          return Future.succeededFuture();
        }).transform(ignored -> Future.failedFuture(failure)));
  }

  /** The HTTP port actually bound. */
  public int port() {
    return verticle.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Drains HTTP, stops modules, closes the store and Vert.x. */
  public Future<Void> stop() {
    return vertx.undeploy(deploymentId).eventually(vertx::close).eventually(() -> {
      gcMetrics.close();
      return Future.succeededFuture();
    });
  }
}
