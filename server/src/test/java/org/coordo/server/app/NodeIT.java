package org.coordo.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.HttpException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.config.NodeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One node on port 0 with a temp data dir: health, metrics, errors, body limit, control auth. */
class NodeIT {
  @TempDir static Path tmp;
  static NodeConfig config;
  static Node node;
  static int port;

  /** Routes that fail on purpose, to see what the failure handler makes of it. */
  static final class FailingRoutes implements RouteMounter {
    @Override
    public void mount(Router router, NodeServices node) {
      router.get("/test/bug").handler(rc -> {
        throw new IllegalStateException("secret detail");
      });
      router.get("/test/teapot").respond(rc -> {
        throw new HttpException(418, "no coffee here");
      });
      router.get("/test/thread").handler(rc -> rc.response().end(Thread.currentThread().getName()));
      router.post("/test/json").respond(rc -> io.vertx.core.Future.succeededFuture(rc.body().asJsonObject()));
    }
  }

  @BeforeAll
  static void start() {
    config = TestNodes.config(tmp, Map.of("COORDO_HTTP_MAX_BODY_BYTES", "1024",
        "COORDO_FEDERATION_MAX_BODY_BYTES", "1024", "COORDO_ROLE", "national", "COORDO_HTTP_EVENT_LOOPS", "3"));
    node = TestNodes.start(config, new FailingRoutes());
    port = node.port();
  }

  @AfterAll
  static void stop() {
    TestNodes.await(node.stop());
    assertFalse(Files.exists(new DataDir(config.dataDir()).runFile()), "run file deleted at stop");
    assertFalse(Files.exists(new DataDir(config.dataDir()).controlToken()), "token deleted at stop");
  }

  @Test
  void connectionsAreServedByEveryEventLoopOnOnePort() throws Exception {
    java.util.Set<String> threads = new java.util.TreeSet<>();
    for (int i = 0; i < 12; i++) {
      // A new client per request: a new connection, which the servers take in turn.
      java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
          .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
      HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + port + "/test/thread")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.body().startsWith("vert.x-eventloop-thread-"), r.body());
      threads.add(r.body());
    }
    assertEquals(3, threads.size(), "three event loops answered: " + threads);
  }

  @Test
  void healthSaysOkWithVersionRoleAndStorage() {
    HttpResponse<String> r = TestNodes.get(port, "/health");
    assertEquals(200, r.statusCode());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonObject body = new JsonObject(r.body());
    assertEquals("ok", body.getString("status"));
    assertEquals(Version.current(), body.getString("version"));
    assertEquals("national", body.getString("role"));
    JsonObject storage = body.getJsonObject("storage");
    assertEquals("up", storage.getString("state"));
    assertEquals(StorageSchema.VERSION, storage.getInteger("schemaVersion"));
    assertEquals(System.getProperty("coordo.test.backend", "rocksdb"), storage.getString("backend"));
    assertTrue(storage.getLong("latencyMicros") >= 0, "a read's latency: " + storage);
  }

  @Test
  void metricsArePrometheusTextWithJvmProcessAndHttpMeters() {
    TestNodes.get(port, "/health");
    HttpResponse<String> r = TestNodes.get(port, "/metrics");
    assertEquals(200, r.statusCode());
    assertEquals(MetricsRoutes.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElseThrow());
    for (String metric : new String[] {"jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
        "process_uptime_seconds", "process_cpu_usage", "vertx_http_server_requests_total"}) {
      assertTrue(r.body().contains(metric), metric);
    }
    assertTrue(r.body().contains("# TYPE jvm_memory_used_bytes gauge"));
  }

  @Test
  void runFileNamesThisProcessAndPort() {
    Optional<RunFile> run = RunFile.read(new DataDir(config.dataDir()).runFile());
    assertTrue(run.isPresent());
    assertEquals(ProcessHandle.current().pid(), run.get().pid());
    assertEquals(port, run.get().port());
    assertTrue(run.get().processAlive());
  }

  @Test
  void secondNodeOnTheSameDataDirFailsAndLeavesTheFirstAlone() {
    NodeConfig same = TestNodes.config(tmp, Map.of());
    Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> TestNodes.start(same)).getCause();
    assertTrue(failure.getMessage().contains("is already open"), failure.getMessage());
    assertTrue(RunFile.read(new DataDir(config.dataDir()).runFile()).isPresent(), "first node's run file kept");
    assertEquals(200, TestNodes.get(port, "/health").statusCode());
  }

  @Test
  void aBusyPortIsNamedWithTheKeyThatChangesIt(@TempDir Path other) {
    NodeConfig taken = TestNodes.config(other, Map.of("COORDO_PORT", String.valueOf(port)));
    Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
        () -> TestNodes.start(taken)).getCause();
    String message = failure.getMessage();
    assertTrue(message.contains("port " + port + " on 127.0.0.1 is already in use"), message);
    assertTrue(message.contains("COORDO_PORT") && message.contains(" port "), message);
    assertEquals(200, TestNodes.get(port, "/health").statusCode());
  }

  @Test
  void controlTokenFileIsOwnerOnly() throws Exception {
    Path token = new DataDir(config.dataDir()).controlToken();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
    assertTrue(ControlToken.read(token).length() >= 40);
  }

  @Test
  void unknownExceptionIs500WithoutItsDetail() {
    HttpResponse<String> r = TestNodes.get(port, "/test/bug");
    assertEquals(500, r.statusCode());
    assertEquals(new JsonObject().put("error", "internal error").put("status", 500), new JsonObject(r.body()));
  }

  @Test
  void httpExceptionKeepsItsStatusAndSafeMessage() {
    HttpResponse<String> r = TestNodes.get(port, "/test/teapot");
    assertEquals(418, r.statusCode());
    assertEquals(new JsonObject().put("error", "no coffee here").put("status", 418), new JsonObject(r.body()));
  }

  @Test
  void unknownRouteIsJson404AndBadJsonIs400() {
    HttpResponse<String> r = TestNodes.get(port, "/nothing/here");
    assertEquals(404, r.statusCode());
    assertEquals(new JsonObject().put("error", "not found").put("status", 404), new JsonObject(r.body()));
    HttpResponse<String> bad = TestNodes.post(port, "/test/json", "{not json");
    assertEquals(400, bad.statusCode());
    assertEquals("invalid JSON", new JsonObject(bad.body()).getString("error"));
  }

  @Test
  void bodyOverTheLimitIs413() {
    HttpResponse<String> ok = TestNodes.post(port, "/test/json", "{\"a\":\"" + "x".repeat(900) + "\"}");
    assertEquals(200, ok.statusCode());
    HttpResponse<String> r = TestNodes.post(port, "/test/json", "{\"a\":\"" + "x".repeat(2000) + "\"}");
    assertEquals(413, r.statusCode());
    assertEquals(new JsonObject().put("error", "request body larger than 1024 bytes").put("status", 413),
        new JsonObject(r.body()));
  }

  @Test
  void controlBackupRefusesCallersWithoutTheToken() throws Exception {
    String body = new JsonObject().put("dir", tmp.resolve("never").toString()).encode();
    HttpResponse<String> none = TestNodes.post(port, "/_control/backup", body);
    assertEquals(401, none.statusCode());
    assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
    HttpResponse<String> wrong = TestNodes.post(port, "/_control/backup", body, "Authorization", "Bearer nope");
    assertEquals(403, wrong.statusCode());
    String token = ControlToken.read(new DataDir(config.dataDir()).controlToken());
    HttpResponse<String> proxied = TestNodes.post(port, "/_control/backup", body,
        "Authorization", "Bearer " + token, "X-Forwarded-For", "203.0.113.9");
    assertEquals(403, proxied.statusCode());
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  @Test
  void controlBackupValidatesItsTarget() throws Exception {
    String token = ControlToken.read(new DataDir(config.dataDir()).controlToken());
    HttpResponse<String> relative = TestNodes.post(port, "/_control/backup", "{\"dir\":\"relative/dir\"}",
        "Authorization", "Bearer " + token);
    assertEquals(400, relative.statusCode());
    Path full = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(full.resolve("x"), "x");
    HttpResponse<String> notEmpty = TestNodes.post(port, "/_control/backup",
        new JsonObject().put("dir", full.toString()).encode(), "Authorization", "Bearer " + token);
    assertEquals(409, notEmpty.statusCode());
    assertEquals("backup target is not an empty directory", new JsonObject(notEmpty.body()).getString("error"));
  }
}
