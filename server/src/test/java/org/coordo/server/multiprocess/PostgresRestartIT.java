package org.coordo.server.multiprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.coordo.federation.testkit.Await;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.service.account.UserService;
import org.coordo.storage.testkit.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops and starts again under a running node: meanwhile requests that need the database answer 503
 * with {@code Retry-After} and {@code /health} says the store is unreachable; afterwards the same process serves
 * again, without a restart of its own.
 */
class PostgresRestartIT {
  @TempDir Path dir;
  PgTestDatabase db;
  Node node;

  @AfterEach
  void tearDown() {
    PgTestDatabase.startServer();
    if (node != null) {
      Await.result(node.stop());
    }
    if (db != null) {
      db.close();
    }
  }

  static HttpResponse<String> me(int port, String token) {
    return TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(port, "/api/me"))
        .header("Authorization", "Bearer " + token).GET().build());
  }

  @Test
  void whilePostgresqlRestartsRequestsGet503AndHealthSaysSoThenTheNodeRecovers() {
    db = PgTestDatabase.create();
    node = Await.result(Node.start(TestNodes.config(dir, TestNodes.postgresql(db, dir.resolve("files"))),
        TestNodes.options(false)), Duration.ofSeconds(120));
    int port = node.port();
    Await.result(node.services().accounts().users().create(
        new UserService.NewUser("ed", "Ed", "ed-password-long"), false, Map.of()));
    String token = Await.result(node.services().accounts().sessions().createToken("ed", "test")).token();
    assertEquals(200, me(port, token).statusCode());

    PgTestDatabase.stopServer();
    HttpResponse<String> health = TestNodes.get(port, "/health");
    assertEquals(503, health.statusCode(), health.body());
    assertEquals("unreachable", new JsonObject(health.body()).getJsonObject("storage").getString("state"));
    assertTrue(health.headers().firstValue("Retry-After").isPresent());
    HttpResponse<String> refused = me(port, token);
    assertEquals(503, refused.statusCode(), refused.body());
    assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "the client is told when to come back");
    assertTrue(refused.body().contains("database"), refused.body());

    PgTestDatabase.startServer();
    Await.until("the node serves again", () -> TestNodes.get(port, "/health").statusCode() == 200,
        Duration.ofSeconds(60));
    assertEquals("up", new JsonObject(TestNodes.get(port, "/health").body()).getJsonObject("storage")
        .getString("state"));
    assertEquals(200, me(port, token).statusCode(), "the same token works again: nothing was lost");
  }
}
