package org.coordo.server.app.crash;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.app.HttpModule;
import org.coordo.server.app.Modules;
import org.coordo.server.app.NodeContext;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Commands;
import org.coordo.server.fedimpl.NodeFederationModule;

/**
 * The real command line with the production modules ({@link Modules#standard()}: default delivery
 * timings, 10-minute leases), plus one test route, {@code GET /test/delivery}: the delivery worker's
 * {@code queued}, {@code inFlight} and {@code held} counts as JSON. Run in a child JVM by {@link
 * CrashUnderLoadIT}, which kills it.
 */
public final class CrashNodeMain {
  private CrashNodeMain() {}

  static final class DeliveryStatsRoute implements HttpModule {
    private final NodeFederationModule federation;

    DeliveryStatsRoute(NodeFederationModule federation) {
      this.federation = federation;
    }

    @Override
    public void mount(Router router, NodeContext ctx) {
      router.get("/test/delivery").respond(rc -> federation.federation().internals().delivery().stats()
          .map(s -> new JsonObject().put("queued", s.queued()).put("inFlight", s.inFlight()).put("held", s.held())));
    }
  }

  public static void main(String[] args) {
    Cli cli = new Cli(Commands.standard(() -> {
      List<HttpModule> modules = new ArrayList<>(Modules.standard());
      NodeFederationModule federation = modules.stream().filter(NodeFederationModule.class::isInstance)
          .map(NodeFederationModule.class::cast).findFirst().orElseThrow();
      modules.add(new DeliveryStatsRoute(federation));
      return modules;
    }), System.getenv(), System.out, System.err);
    System.exit(cli.run(args));
  }
}
