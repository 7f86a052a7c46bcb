package org.coordo.server.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.coordo.federation.BodyBudget;
import org.coordo.server.config.NodeConfig;

/**
 * The platform a node is assembled on ({@link NodeAssembly}): its Vert.x instance, its validated configuration, the
 * open storage (behind its worker pool), the metrics registry and the clock.
 *
 * @param version the Coordo version this node runs
 */
public record NodeContext(
    Vertx vertx,
    NodeConfig config,
    NodeStorage storage,
    PrometheusMeterRegistry metrics,
    Clock clock,
    String version,
    BodyBudget bodyBudget) {}
