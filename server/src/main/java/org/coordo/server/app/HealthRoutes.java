package org.coordo.server.app;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 {@code {status: "ok", version, role, storage: {state: "up", backend, schemaVersion,
 * latencyMicros}}} when a trivial read of the store answers (within {@value #PROBE_TIMEOUT_MS} ms); 503 with
 * {@code status: "unavailable"} and {@code storage.state} {@code "unreachable"} (the database does not answer:
 * PostgreSQL restarting, the network) or {@code "closed"} (the node is stopping) otherwise.
 */
public final class HealthRoutes implements RouteMounter {
  static final long PROBE_TIMEOUT_MS = 2000;

  @Override
  public void mount(Router router, NodeServices services) {
    NodeContext node = services.platform();
    AccessGate.api(router.get("/health"), Access.PUBLIC).respond(ctx -> {
      NodeStorage storage = node.storage();
      ctx.response().putHeader("Cache-Control", "no-store");
      Future<JsonObject> state = !storage.isOpen() ? Future.succeededFuture(new JsonObject().put("state", "closed"))
          : storage.probe().timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .map(micros -> new JsonObject().put("state", "up").put("backend", storage.backendId())
                  .put("schemaVersion", storage.schemaVersion()).put("latencyMicros", micros))
              .otherwise(e -> new JsonObject().put("state", storage.isOpen() ? "unreachable" : "closed")
                  .put("backend", storage.backendId()));
      return state.map(s -> {
        boolean up = "up".equals(s.getString("state"));
        if (!up) {
          ctx.response().setStatusCode(503).putHeader("Retry-After", "5");
        }
        return new JsonObject()
            .put("status", up ? "ok" : "unavailable")
            .put("version", node.version())
            .put("role", node.config().role().id())
            .put("storage", s);
      });
    });
  }
}
