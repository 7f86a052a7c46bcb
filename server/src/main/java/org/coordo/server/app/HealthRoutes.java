package org.coordo.server.app;

import org.coordo.server.auth.AccessGate;
import org.coordo.server.auth.Access;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /health}: 200 {@code {status: "ok", version, role, storage: {state: "open",
 * schemaVersion}}} while the store is open, 503 with {@code status: "unavailable"} otherwise.
 */
public final class HealthRoutes implements RouteMounter {

  @Override
  public void mount(Router router, NodeServices services) {
    NodeContext node = services.platform();
    AccessGate.api(router.get("/health"), Access.PUBLIC).respond(ctx -> {
      NodeStorage storage = node.storage();
      boolean open = storage.isOpen();
      JsonObject storageState = new JsonObject().put("state", open ? "open" : "closed");
      if (open) {
        storageState.put("schemaVersion", storage.schemaVersion());
      } else {
        ctx.response().setStatusCode(503);
      }
      ctx.response().putHeader("Cache-Control", "no-store");
      return Future.succeededFuture(new JsonObject()
          .put("status", open ? "ok" : "unavailable")
          .put("version", node.version())
          .put("role", node.config().role().id())
          .put("storage", storageState));
    });
  }
}
