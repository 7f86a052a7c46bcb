package org.coordo.server.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.coordo.server.app.ControlToken;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.RunFile;

/**
 * A {@code POST /_control/…} to the node that runs on a data directory, over the loopback address its run
 * file names, with the control token of that directory: how the commands reach a running node.
 */
public final class ControlCall {
  private ControlCall() {}

  /**
   * The node's answer.
   *
   * @param body the JSON body, or {@code {"error": "HTTP <status>"}} when it was not JSON
   */
  public record Answer(int status, JsonObject body) {
    public boolean ok() {
      return status == 200;
    }

    /** The node's error message, or {@code HTTP <status>}. */
    public String error() {
      return body.getString("error", "HTTP " + status);
    }
  }

  /**
   * Posts {@code request} to {@code path}; empty after printing why no answer came (unreadable token,
   * unreachable node, interrupted).
   */
  public static Optional<Answer> post(Cli cli, DataDir dataDir, RunFile run, String path, JsonObject request,
      Duration timeout) {
    String token;
    try {
      token = ControlToken.read(dataDir.controlToken());
    } catch (IOException e) {
      cli.fail("a node runs (pid " + run.pid() + ") but its control token is unreadable: "
          + dataDir.controlToken() + " (" + e.getMessage() + ")");
      return Optional.empty();
    }
    URI uri = URI.create("http://" + run.connectHost() + ":" + run.port() + path);
    HttpRequest http = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(request.encode()))
        .build();
    HttpResponse<String> response;
    try {
      response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
          .send(http, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      cli.fail("cannot reach the running node at " + uri + ": " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    JsonObject body;
    try {
      body = new JsonObject(response.body());
    } catch (DecodeException e) {
      body = new JsonObject().put("error", "HTTP " + response.statusCode());
    }
    return Optional.of(new Answer(response.statusCode(), body));
  }
}
