package org.coordo.server.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node in a child JVM, stopped with SIGTERM while a request is in flight. */
class ShutdownIT {
  @TempDir Path tmp;
  Process child;

  @AfterEach
  void killLeftovers() {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
    }
  }

  private String log() {
    try {
      return Files.readString(tmp.resolve("node.log"));
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void sigtermDrainsInFlightRequestsClosesTheDatabaseAndExitsZero() throws Exception {
    Path dataDir = tmp.resolve("data");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        SlowNodeMain.class.getName(), "run", "--config", TestNodes.emptyConfigFile(tmp).toString()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("node.log").toFile());
    pb.environment().putAll(TestNodes.env(tmp, Map.of("COORDO_HTTP_DRAIN_SECONDS", "30")));
    child = pb.start();

    Path runFile = new DataDir(dataDir).runFile();
    TestNodes.waitUntil(Duration.ofSeconds(60), "the run file", () -> RunFile.read(runFile).isPresent());
    RunFile run = RunFile.read(runFile).orElseThrow();
    assertEquals(child.pid(), run.pid());
    // the node writes its run file, then logs "listening": wait for the line rather than race it
    TestNodes.waitUntil(Duration.ofSeconds(30), "the listening line",
        () -> log().contains("listening on http://127.0.0.1:" + run.port()));

    // HTTP/1.1 like a reverse proxy (JDK 17's HTTP/2 client fails in-flight streams on GOAWAY).
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
        HttpRequest.newBuilder(TestNodes.uri(run.port(), "/test/slow?ms=1500")).build(),
        HttpResponse.BodyHandlers.ofString());
    TestNodes.waitUntil(Duration.ofSeconds(10), "the slow request to start",
        () -> log().contains("slow request started"));

    child.destroy(); // SIGTERM

    HttpResponse<String> answer = slow.get(40, TimeUnit.SECONDS);
    assertEquals(200, answer.statusCode());
    assertEquals("done", answer.body());
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child exits");
    assertEquals(0, child.exitValue(), log());
    assertTrue(log().contains("stopped cleanly"), log());
    assertFalse(Files.exists(runFile), "run file deleted");
    assertFalse(Files.exists(new DataDir(dataDir).controlToken()), "control token deleted");
    try (RocksKvStore reopened = RocksKvStore.open(new DataDir(dataDir).db(), StorageSchema.options())) {
      assertEquals(StorageSchema.VERSION, reopened.schemaVersion());
    }
  }

  @Test
  void badConfigurationExitsTwoWithOneLine() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.coordo.server.Main", "run",
        "--config", TestNodes.emptyConfigFile(tmp).toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("node.log").toFile());
    pb.environment().putAll(TestNodes.env(tmp, Map.of("COORDO_PUBLIC_URL", "https://example.org/coordo")));
    child = pb.start();
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, child.exitValue());
    assertEquals("coordo: config error: publicUrl = https://example.org/coordo: expected an absolute http(s) URL"
        + " with no path, query or fragment, e.g. https://coordo.example.org (from COORDO_PUBLIC_URL)\n", log());
  }
}
