package org.coordo.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class HealthRoutesTest {
  @TempDir Path tmp;

  @Test
  void healthIs503OnceStorageIsClosed(Vertx vertx, VertxTestContext test) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("test-storage");
    NodeStorage storage = new NodeStorage(RocksKvStore.open(tmp.resolve("db"), StorageSchema.options()), worker);
    NodeContext ctx = new NodeContext(vertx, TestNodes.config(tmp, Map.of()), storage,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC(), "test",
        new org.coordo.federation.BodyBudget(org.coordo.federation.BodyBudget.DEFAULT_CAPACITY));
    Router router = Router.router(vertx);
    new HealthRoutes().mount(router, new NodeServices(ctx, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,  null, null));
    WebClient client = WebClient.create(vertx);
    vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .compose(server -> client.get(server.actualPort(), "127.0.0.1", "/health").send()
            .compose(open -> {
              test.verify(() -> assertEquals(200, open.statusCode()));
              return storage.close();
            })
            .compose(closed -> client.get(server.actualPort(), "127.0.0.1", "/health").send()))
        .onComplete(test.succeeding(closed -> test.verify(() -> {
          assertEquals(503, closed.statusCode());
          JsonObject body = closed.bodyAsJsonObject();
          assertEquals("unavailable", body.getString("status"));
          assertEquals(new JsonObject().put("state", "closed"), body.getJsonObject("storage"));
          test.completeNow();
        })));
  }
}
