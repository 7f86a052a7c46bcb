package org.coordo.server.app.crash;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.app.NodeServices;
import org.coordo.server.app.RouteMounter;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Commands;

/**
 * The real command line with the production assembly ({@link NodeOptions#standard()}: default delivery
 * timings, 10-minute leases), plus one test route, {@code GET /test/delivery}: the delivery worker's
 * {@code queued}, {@code inFlight} and {@code held} counts as JSON. Run in a child JVM by {@link
 * CrashUnderLoadIT}, which kills it.
 */
public final class CrashNodeMain {
  private CrashNodeMain() {}

  static final class DeliveryStatsRoute implements RouteMounter {
    @Override
    public void mount(Router router, NodeServices node) {
      router.get("/test/delivery").respond(rc -> node.fed().deliveryStats()
          .map(s -> new JsonObject().put("queued", s.queued()).put("inFlight", s.inFlight()).put("held", s.held())));
    }
  }

  public static void main(String[] args) {
    Cli cli = new Cli(Commands.standard(() -> NodeOptions.standard().withRoutes(new DeliveryStatsRoute())),
        System.getenv(), System.out, System.err);
    System.exit(cli.run(args));
  }
}
