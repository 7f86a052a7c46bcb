package org.coordo.server.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.coordo.federation.FollowState;
import org.coordo.server.app.TestNodes;
import org.coordo.server.cli.Cli;
import org.coordo.server.cli.Commands;
import org.coordo.server.service.account.AccountsFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo federation for real (four nodes, loopback, cheap hashing): its sample content reaches
 * the national agenda; a second run on the same data publishes nothing again; {@code ./coordo
 * follow} on a running node sends a Follow that the national admin approves through the API.
 */
class DemoFederationIT {
  @TempDir Path dir;
  final ByteArrayOutputStream output = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

  private static int[] freePorts() {
    int[] ports = new int[4];
    ServerSocket[] sockets = new ServerSocket[4];
    try {
      for (int i = 0; i < 4; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      for (ServerSocket s : sockets) {
        s.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ports;
  }

  private static JsonObject getJson(String url) {
    HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    assertEquals(200, r.statusCode(), url + " " + r.body());
    return new JsonObject(r.body());
  }

  private static Set<String> ids(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("id")).collect(Collectors.toSet());
  }

  /**
   * Issue 17: the guide's day of action gathers Grenoble's and Lille's events (Toulouse has not answered),
   * and Grenoble's call is signed by Lille, on Grenoble's node and as Lille's node knows it.
   */
  private void seededTheDayOfActionAndTheCoSignedCall(int[] ports) {
    String guide = output.toString(StandardCharsets.UTF_8);
    java.util.regex.Matcher day = java.util.regex.Pattern.compile("Day of action \\(national\\):\\s+(\\S+)/days/(\\S+)")
        .matcher(guide);
    assertTrue(day.find(), guide);
    String dayApi = day.group(1) + "/api/days/" + day.group(2);
    TestNodes.waitUntil(Duration.ofSeconds(30), "Grenoble's and Lille's events on the day of action",
        () -> getJson(dayApi).encode().contains("Rassemblement Grand'Place")
            && getJson(dayApi).encode().contains("Manifestation : le social"));
    JsonObject overview = getJson(dayApi);
    assertTrue(overview.encode().contains("toulouse"), "Toulouse listed as not answered: " + overview.encode());
    java.util.regex.Matcher call = java.util.regex.Pattern.compile("Call co-signed by Lille:\\s+(\\S+)/collectives/grenoble/calls/(\\S+)")
        .matcher(guide);
    assertTrue(call.find(), guide);
    JsonObject signatories = getJson(call.group(1) + "/api/collectives/grenoble/calls/" + call.group(2) + "/signatories");
    assertTrue(signatories.getJsonArray("signatories").stream()
        .anyMatch(s -> ("http://127.0.0.1:" + ports[1] + "/actors/lille").equals(((JsonObject) s).getString("actor"))),
        signatories.encode());
    JsonObject signed = getJson("http://127.0.0.1:" + ports[1] + "/api/collectives/lille/cosign/signed");
    assertEquals(1, signed.getJsonArray("calls").size(), signed.encode());
  }

  @Test
  void demoSeedsOnceFederatesAndFollowsFromTheCommandLine() {
    int[] ports = freePorts();
    String nationalUrl = "http://127.0.0.1:" + ports[3];
    Set<String> firstAgenda;
    try (DemoFederation demo = new DemoFederation(dir, ports, AccountsFixture.CHEAP, out).start()) {
      demo.seed();
      demo.printGuide();
      TestNodes.waitUntil(Duration.ofSeconds(30), "seven events in the national agenda",
          () -> getJson(nationalUrl + "/api/agenda?limit=50").getJsonArray("items").size() == 7);
      firstAgenda = ids(getJson(nationalUrl + "/api/agenda?limit=50").getJsonArray("items"));
      TestNodes.waitUntil(Duration.ofSeconds(30), "two calls nationally",
          () -> getJson(nationalUrl + "/api/national/calls").getJsonArray("items").size() == 2);
      assertTrue(output.toString(StandardCharsets.UTF_8).contains("@national@127.0.0.1:" + ports[3]));
      seededTheDayOfActionAndTheCoSignedCall(ports);

      // ./coordo follow: Lille's collective follows the national group, which waits for the admin
      String lilleConfig = dir.resolve("lille.json").toString();
      Cli cli = new Cli(Commands.standard(), Map.of("COORDO_DATA_DIR", dir.resolve("lille").toString()), out, out);
      assertEquals(Cli.OK, cli.run("follow", "--config", lilleConfig, "--as", "lille",
          "@national@127.0.0.1:" + ports[3]), output.toString(StandardCharsets.UTF_8));
      // the national group is open to followers (issue 17): lille's follow is accepted without an admin
      DemoFederation.Running lille = demo.node("lille");
      TestNodes.waitUntil(Duration.ofSeconds(20), "lille's follow accepted", () -> DemoFederation.await(
          lille.node().services().federation().internals().following().list("lille")).stream()
          .anyMatch(f -> f.state() == FollowState.ACCEPTED));
    }

    // a second run on the same data: nothing is published twice
    try (DemoFederation again = new DemoFederation(dir, ports, AccountsFixture.CHEAP, out).start()) {
      again.seed();
      assertTrue(output.toString(StandardCharsets.UTF_8).contains("sample content already published"));
      assertEquals(firstAgenda, ids(getJson(nationalUrl + "/api/agenda?limit=50").getJsonArray("items")));
      String grenobleCalls = "http://127.0.0.1:" + ports[0] + "/api/collectives/grenoble/calls";
      assertEquals(1, getJson(grenobleCalls).getJsonArray("items").size());
    }
  }
}
