package org.coordo.server.app;

import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.coordo.server.config.ConfigLoader;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.pg.PgOptions;
import org.coordo.storage.testkit.PgTestDatabase;

/** Whole-node test helpers: configuration on port 0 in a temp dir, start/stop, plain HTTP calls. */
public final class TestNodes {
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private TestNodes() {}

  /** The system property that picks the test nodes' backend: {@code rocksdb} (default) or {@code postgresql}. */
  public static final String BACKEND_PROPERTY = "coordo.test.backend";

  /**
   * The environment of a test node: port 0, data under {@code dir/data}, plus {@code extra}. With {@code
   * -Dcoordo.test.backend=postgresql} (and no backend in {@code extra}), the node runs on a new empty database of
   * the storage test kit's embedded PostgreSQL ({@link #postgresql}).
   */
  public static Map<String, String> env(Path dir, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("COORDO_PORT", "0");
    env.put("COORDO_DATA_DIR", dir.resolve("data").toString());
    env.put("COORDO_HTTP_DRAIN_SECONDS", "5");
    if ("postgresql".equals(System.getProperty(BACKEND_PROPERTY)) && !extra.containsKey("COORDO_STORAGE_BACKEND")) {
      env.putAll(postgresql(PgTestDatabase.create(), dir.resolve("files")));
    }
    env.putAll(extra);
    return env;
  }

  /** The environment that puts a node on {@code db} (the embedded PostgreSQL), its files in {@code filesDir}. */
  public static Map<String, String> postgresql(PgTestDatabase db, Path filesDir) {
    PgOptions o = db.options();
    return Map.of("COORDO_STORAGE_BACKEND", "postgresql", "COORDO_STORAGE_POSTGRESQL_HOST", o.host(),
        "COORDO_STORAGE_POSTGRESQL_PORT", Integer.toString(o.port()), "COORDO_STORAGE_POSTGRESQL_DATABASE",
        o.database(), "COORDO_STORAGE_POSTGRESQL_USER", o.user(), "COORDO_STORAGE_POSTGRESQL_POOL_SIZE", "4",
        "COORDO_STORAGE_FILES_DIR", filesDir.toString());
  }

  /**
   * The configuration of another process of the node configured by {@code first} (same database, same public
   * URL, same shared files): its own data directory under {@code dir} and its own port.
   */
  public static NodeConfig secondProcess(Path dir, Map<String, String> firstEnv) {
    Map<String, String> env = new HashMap<>(firstEnv);
    env.put("COORDO_DATA_DIR", dir.resolve("data").toString());
    env.put("COORDO_PORT", "0");
    return ConfigLoader.load(emptyConfigFile(dir), env).config();
  }

  /** An empty config file in {@code dir} (so that no conf/node.json is picked up). */
  public static Path emptyConfigFile(Path dir) {
    try {
      return Files.writeString(dir.resolve("test-node.json"), "{}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static NodeConfig config(Path dir, Map<String, String> extraEnv) {
    return ConfigLoader.load(emptyConfigFile(dir), env(dir, extraEnv)).config();
  }

  /** Starts a production node ({@link NodeOptions#standard()}) plus {@code extra} routes. */
  public static Node start(NodeConfig config, RouteMounter... extra) {
    return await(Node.start(config, NodeOptions.standard().withRoutes(extra)));
  }

  /**
   * What the demo and the whole-node tests run: cheap password hashing, fast delivery, no metrics;
   * pages or not.
   */
  public static NodeOptions options(boolean pages) {
    return NodeOptions.standard().withHashing(org.coordo.server.service.account.AccountsFixture.CHEAP)
        .withFastDelivery(true).withPages(pages).withMetrics(false);
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed", e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  public static HttpResponse<String> get(int port, String path) {
    return send(HttpRequest.newBuilder(uri(port, path)).GET().build());
  }

  public static HttpResponse<String> post(int port, String path, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(port, path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  public static HttpResponse<String> send(HttpRequest request) {
    // a node that never answers fails the test (HttpTimeoutException) instead of hanging the suite
    HttpRequest bounded = request.timeout().isPresent() ? request
        : HttpRequest.newBuilder(request, (name, value) -> true).timeout(Duration.ofSeconds(60)).build();
    try {
      return HTTP.send(bounded, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Polls until {@code condition} holds, failing after {@code timeout}. */
  public static void waitUntil(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20); // polling interval of a deadline-bound wait, not a wait for an effect
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
