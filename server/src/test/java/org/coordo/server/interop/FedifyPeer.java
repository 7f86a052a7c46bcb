package org.coordo.server.interop;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.coordo.server.app.TestNodes;

/**
 * The independent ActivityPub peer of the conformance ITs: {@code interop/fedify-peer/peer.mjs}, built on
 * Fedify (pinned in its package-lock.json), run by the machine's {@code node} on 127.0.0.1 port 0. It
 * parses everything with Fedify's own vocabulary classes and verifies signatures with Fedify's code; the
 * tests drive and observe it through its {@code /control/*} JSON API.
 *
 * <p>{@code npm ci} runs once when {@code node_modules} is missing (from the npm registry; node_modules
 * stays in the peer's directory, ignored by git). Without {@code node}/{@code npm} the suite is skipped
 * locally, and fails under CI (where {@code .ci/run} installs Debian's {@code nodejs npm}).
 */
final class FedifyPeer implements AutoCloseable {
  static final Path DIR = locate();
  private static volatile boolean installed;

  final int port;
  final String base;
  private final Process process;

  private FedifyPeer(Process process, int port) {
    this.process = process;
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
  }

  /** Whether node and npm can run here; under CI their absence is a failure, never a skip. */
  static boolean available() {
    boolean present = runs("node", "--version") && runs("npm", "--version");
    if (!present && System.getenv("CI") != null) {
      throw new IllegalStateException("CI is set but node or npm is missing: .ci/run must install nodejs and npm");
    }
    return present;
  }

  /** Starts a peer (installing its pinned dependencies first if needed) and waits for its port. */
  static FedifyPeer start() {
    install();
    try {
      Path log = Files.createDirectories(Path.of("target", "fedify-peer"))
          .resolve("peer-" + System.nanoTime() + ".log");
      Process p = new ProcessBuilder("node", "peer.mjs").directory(DIR.toFile())
          .redirectError(log.toFile()).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      // generous: on a loaded 2-core CI machine, loading Fedify alone can take tens of seconds
      String first = line.get(120, TimeUnit.SECONDS);
      if (first == null || !first.startsWith("PEER_PORT=")) {
        p.destroyForcibly();
        throw new IllegalStateException("the Fedify peer did not start: " + first + "\n" + Files.readString(log));
      }
      return new FedifyPeer(p, Integer.parseInt(first.substring("PEER_PORT=".length()).trim()));
    } catch (Exception e) {
      throw new IllegalStateException("could not start the Fedify peer in " + DIR, e);
    }
  }

  private static synchronized void install() {
    if (installed || Files.isDirectory(DIR.resolve("node_modules/@fedify/fedify"))) {
      installed = true;
      return;
    }
    try {
      Path log = Files.createDirectories(Path.of("target", "fedify-peer")).resolve("npm-ci.log");
      Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("npm ci failed in " + DIR + ":\n" + Files.readString(log));
      }
      installed = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Path locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path peer = dir.resolve("interop/fedify-peer");
      if (Files.isRegularFile(peer.resolve("peer.mjs"))) {
        return peer;
      }
    }
    return Path.of("interop/fedify-peer").toAbsolutePath();
  }

  // ------------------------------------------------------------------ control API

  String actor() {
    return info().getString("actor");
  }

  String handle() {
    return "@peer@127.0.0.1:" + port;
  }

  JsonObject info() {
    return new JsonObject(call("GET", "info", null));
  }

  /**
   * Sets how the peer signs what it sends ({@code rfc9421}, {@code draft-cavage-http-signatures-12}, null:
   * Fedify's default) and which scheme its inbox accepts ({@code any}, {@code rfc9421}, {@code draft-cavage}).
   */
  void config(String signWith, String acceptOnly) {
    control("config", new JsonObject().put("signWith", signWith).put("acceptOnly", acceptOnly));
  }

  /** Fedify fetches {@code url} and parses it with {@code Object.fromJsonLd}:
   * {@code httpStatus}, {@code parsed} or {@code error}. */
  JsonObject parse(String url) {
    return control("parse", new JsonObject().put("url", url));
  }

  /** Like {@link #parse}, failing with Fedify's error when it could not parse; returns the parsed summary. */
  JsonObject parseStrictly(String url, String type) {
    JsonObject r = parse(url);
    if (r.getString("error") != null || r.getJsonObject("parsed") == null) {
      throw new AssertionError("Fedify could not parse " + url + " (HTTP " + r.getInteger("httpStatus") + "): "
          + r.getString("error"));
    }
    JsonObject parsed = r.getJsonObject("parsed");
    if (!type.equals(parsed.getString("type"))) {
      throw new AssertionError(url + " parsed as " + parsed.getString("type") + ", expected " + type);
    }
    return parsed;
  }

  /** The software name the peer's NodeInfo claims (to stand for another server, e.g. {@code lemmy}). */
  void software(String name) {
    control("config", new JsonObject().put("software", name));
  }

  JsonObject control(String path, JsonObject body) {
    return new JsonObject(call("POST", path, body));
  }

  JsonArray list(String path) {
    return new JsonArray(call("GET", path, null));
  }

  /** What Fedify accepted in its inbox, each with its unwrapped {@code publication} (or null). */
  List<JsonObject> received() {
    return list("received").stream().map(o -> (JsonObject) o).toList();
  }

  /** Waits until the peer has received an activity matching {@code test}; returns it. */
  JsonObject awaitReceived(String what, Predicate<JsonObject> test) {
    JsonObject[] found = new JsonObject[1];
    try {
      TestNodes.waitUntil(Duration.ofSeconds(20), what, () -> {
        found[0] = received().stream().filter(test).findFirst().orElse(null);
        return found[0] != null;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the peer's inbox log: " + list("inbox-log"), e);
    }
    return found[0];
  }

  private String call(String method, String path, JsonObject body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/control/" + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()));
    HttpResponse<String> r = TestNodes.send(b.header("Content-Type", "application/json").build());
    if (r.statusCode() != 200) {
      throw new AssertionError("peer control " + path + ": " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close(); // the peer ends when its stdin ends
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
