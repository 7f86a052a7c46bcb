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
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.coordo.server.config.NodeConfig;

/**
 * One running node: owns its Vert.x instance (with Micrometer metrics), the metrics registry and
 * the deployed {@link NodeVerticle}. {@link #stop} undeploys (drain, assembly, store) and closes
 * Vert.x.
 */
public final class Node {
  private final Vertx vertx;
  private final JvmGcMetrics gcMetrics;
  private final NodeVerticle verticle;

  private Node(Vertx vertx, JvmGcMetrics gcMetrics, NodeVerticle verticle) {
    this.vertx = vertx;
    this.gcMetrics = gcMetrics;
    this.verticle = verticle;
  }

  /**
   * Starts a node assembled with the given options. The future is not bound to any event loop; if a start
   * step fails it fails with that cause, and Vert.x is closed in the background.
   */
  public static Future<Node> start(NodeConfig config, NodeOptions options) {
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
    NodeVerticle verticle = new NodeVerticle(config, options, registry);
    Promise<Node> started = Promise.promise();
    vertx.deployVerticle(verticle).onComplete(deployed -> {
      if (deployed.succeeded()) {
        started.complete(new Node(vertx, gc, verticle));
      } else {
        started.fail(deployed.cause());
        gc.close();
        vertx.close();
      }
    });
    return started.future();
  }

  /** The HTTP port actually bound. */
  public int port() {
    return verticle.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** What the node's assembly built: its federation, services and platform. */
  public NodeServices services() {
    return verticle.services();
  }

  /**
   * Closes Vert.x, which first undeploys the node's verticle (drain HTTP, stop what the assembly
   * started, close the store). Call it from outside Vert.x (main thread, shutdown hook, test): the future of a close
   * started on an event loop would be bound to a loop that is shutting down.
   */
  public Future<Void> stop() {
    return vertx.close().andThen(closed -> gcMetrics.close());
  }
}
