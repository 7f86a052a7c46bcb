package org.coordo.server.multiprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coordo.federation.FollowState;
import org.coordo.federation.inbox.FakeRemote;
import org.coordo.federation.inbox.InboxEntry;
import org.coordo.federation.inbox.InboxLog;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.testkit.Await;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes of one node on one PostgreSQL database (the storage test kit's embedded server), each with its
 * own data directory and port, the same public URL: what one process does, the other sees — sessions, login
 * limits, inbound activities (one effect when both receive one), remote keys dropped from memory.
 */
class TwoProcessesIT {
  static final KeyPair KEY = ActorKeys.generate();
  static final Duration START = TwoProcesses.START;
  @TempDir static Path dir;
  static TwoProcesses node;
  static Vertx vertx;
  static FakeRemote remote;
  static io.vertx.core.http.HttpClient client;
  static Node a;
  static Node b;

  @BeforeAll
  static void start() throws java.io.IOException {
    node = TwoProcesses.start(dir);
    a = node.a;
    b = node.b;
    Await.result(a.services().accounts().collectives().create("grenoble", "Grenoble", "Collectif", false));
    Await.result(a.services().accounts().users().create(
        new UserService.NewUser("ed", "Ed", "ed-password-long"), false, Map.of()));
    Await.result(a.services().accounts().users().create(
        new UserService.NewUser("rita", "Rita", "rita-password-long"), false, Map.of()));
    vertx = Vertx.vertx();
    remote = new FakeRemote(vertx);
    client = vertx.createHttpClient();
  }

  @AfterAll
  static void stop() {
    if (remote != null) {
      remote.close();
    }
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (node != null) {
      node.close();
    }
  }

  static HttpResponse<String> login(Node node, String user, String password) {
    return TestNodes.post(node.port(), "/api/session",
        new JsonObject().put("username", user).put("password", password).encode());
  }

  static HttpResponse<String> me(Node node, String cookie) {
    return TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node.port(), "/api/me")).header("Cookie", cookie)
        .GET().build());
  }

  @Test
  void aSessionMadeOnOneProcessWorksOnTheOtherAndLogoutIsSeenByBoth() {
    HttpResponse<String> login = login(a, "ed", "ed-password-long");
    assertEquals(200, login.statusCode(), login.body());
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    assertEquals(200, me(b, cookie).statusCode(), "the session made on A is valid on B");

    HttpResponse<String> logout = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(b.port(), "/api/session"))
        .header("Cookie", cookie).DELETE().build());
    assertEquals(204, logout.statusCode());
    assertEquals(401, me(a, cookie).statusCode(), "logged out on B: refused on A too");
    assertEquals(401, me(b, cookie).statusCode());
  }

  @Test
  void failedLoginsOnOneProcessCountOnTheOther() {
    for (int i = 0; i < 5; i++) {
      assertEquals(401, login(a, "rita", "wrong").statusCode());
    }
    assertEquals(429, login(a, "rita", "wrong").statusCode(), "A's own limit");
    // B alone would allow 5 failures; the notices of A's failures arrive within milliseconds.
    int refusedByPassword = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      int status = login(b, "rita", "wrong").statusCode();
      if (status == 429) {
        break;
      }
      assertEquals(401, status);
      refusedByPassword++;
      assertTrue(System.nanoTime() < deadline, "B never applied the limit");
    }
    assertTrue(refusedByPassword <= 1, "B counted A's failures (" + refusedByPassword + " more attempts on B)");
  }

  /** A Follow of grenoble by {@code name}. */
  static byte[] follow(String name) {
    String actor = remote.actorId(name).toString();
    return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
        .put("id", actor + "/follows/" + name).put("type", "Follow").put("actor", actor)
        .put("object", a.services().platform().config().publicUrl() + "/actors/grenoble")
        .encode().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * POSTs the signed activity to grenoble's inbox at the public URL, connecting to {@code node}'s port: what a
   * reverse proxy in front of the processes does (the Host header and the signed request are the public ones).
   */
  static io.vertx.core.Future<Integer> postSigned(Node node, String name, byte[] body) {
    URI inbox = URI.create(a.services().platform().config().publicUrl() + "/actors/grenoble/inbox");
    io.vertx.core.http.RequestOptions request = new io.vertx.core.http.RequestOptions()
        .setMethod(io.vertx.core.http.HttpMethod.POST).setAbsoluteURI(inbox.toString())
        .setServer(io.vertx.core.net.SocketAddress.inetSocketAddress(node.port(), "127.0.0.1"))
        .putHeader("Content-Type", "application/activity+json");
    remote.cavage(name, Clock.systemUTC()).sign("POST", inbox, body).forEach((header, value) -> {
      if (!header.equalsIgnoreCase("Host")) {
        request.putHeader(header, value);
      }
    });
    return client.request(request).compose(r -> r.send(io.vertx.core.buffer.Buffer.buffer(body)))
        .map(io.vertx.core.http.HttpClientResponse::statusCode);
  }

  @Test
  void anInboxActivityPostedToBothProcessesAtOnceHasOneEffect() throws Exception {
    int activities = 8;
    List<io.vertx.core.Future<Integer>> toA = new ArrayList<>();
    List<io.vertx.core.Future<Integer>> toB = new ArrayList<>();
    for (int i = 0; i < activities; i++) {
      remote.actor("f" + i, KEY);
    }
    for (int i = 0; i < activities; i++) {
      byte[] body = follow("f" + i);
      toA.add(postSigned(a, "f" + i, body));
      toB.add(postSigned(b, "f" + i, body));
    }
    for (int i = 0; i < activities; i++) {
      int sa = Await.result(toA.get(i), START);
      int sb = Await.result(toB.get(i), START);
      assertTrue((sa == 202 || sa == 503) && (sb == 202 || sb == 503), "f" + i + ": " + sa + " / " + sb);
      assertTrue(sa == 202 || sb == 202, "f" + i + ": one of them accepted it");
    }
    List<InboxEntry> logged = Await.result(a.services().platform().storage().call(
        store -> new InboxLog(store).recent(null, 1000).items()));
    for (int i = 0; i < activities; i++) {
      String id = remote.actorId("f" + i) + "/follows/f" + i;
      long copies = logged.stream().filter(e -> id.equals(e.activity().getString("id"))).count();
      assertEquals(1, copies, id + " stored once");
      URI follower = remote.actorId("f" + i);
      Await.until("f" + i + " follows grenoble", () -> a.services().federation().internals().follows()
          .findFollower("grenoble", follower).map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
    }
  }

  @Test
  void aRemoteKeyForgottenOnOneProcessIsDroppedFromTheOthersMemory() {
    remote.actor("k", KEY);
    String keyId = remote.keyId("k");
    var onB = b.services().federation().internals().remoteActors();
    Await.result(onB.resolve(keyId, false));
    assertTrue(onB.remembers(keyId), "B keeps the key it resolved in memory");
    // The actor deleted itself (or rotated its key): A stores that; B must not go on trusting its copy.
    Await.result(a.services().federation().internals().remoteActors().forget(remote.actorId("k")));
    Await.until("B dropped the key A forgot", () -> !onB.remembers(keyId));
    assertNotEquals(a.port(), b.port());
  }
}
