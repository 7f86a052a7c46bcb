package org.coordo.server.fedimpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.concurrent.CompletableFuture;
import org.coordo.federation.FollowState;
import org.coordo.federation.BodyBudget;
import org.coordo.federation.inbox.FakeRemote;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.testkit.Await;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole node under a flood of large signed inbox bodies whose actors' keys are slow to fetch: the
 * bodies beyond the node's body budget get 503 with {@code Retry-After} (unread), {@code /health} still
 * answers, and the admitted ones are processed once the keys arrive.
 */
class InboxFloodIT {
  static final KeyPair KEY = ActorKeys.generate();
  static final int BODY_BYTES = 900_000;

  @TempDir Path dir;
  final Vertx vertx = Vertx.vertx();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  WholeNodePublishingIT.Whole node;
  FakeRemote remote;

  @AfterEach
  void tearDown() {
    if (node != null) {
      node.close();
    }
    if (remote != null) {
      remote.release();
      remote.close();
    }
    Await.result(vertx.close());
  }

  /** A Follow of grenoble by remote actor {@code name}, padded to exactly {@link #BODY_BYTES}. */
  byte[] follow(String name) {
    String actor = remote.actorId(name).toString();
    JsonObject follow = new JsonObject()
        .put("@context", "https://www.w3.org/ns/activitystreams")
        .put("id", actor + "/follows/1")
        .put("type", "Follow")
        .put("actor", actor)
        .put("object", node.base + "/actors/grenoble")
        .put("summary", "");
    int padding = BODY_BYTES - follow.encode().getBytes(StandardCharsets.UTF_8).length;
    byte[] body = follow.put("summary", "x".repeat(padding)).encode().getBytes(StandardCharsets.UTF_8);
    assertEquals(BODY_BYTES, body.length);
    return body;
  }

  CompletableFuture<HttpResponse<String>> postSigned(String name, byte[] body) {
    URI inbox = URI.create(node.base + "/inbox");
    HttpRequest.Builder request = HttpRequest.newBuilder(inbox).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/activity+json");
    remote.cavage(name, Clock.systemUTC()).sign("POST", inbox, body).forEach((header, value) -> {
      if (!header.equalsIgnoreCase("Host")) {
        request.header(header, value);
      }
    });
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bodiesBeyondTheBudgetGet503WhileHealthAnswersAndAdmittedOnesAreProcessed() throws Exception {
    long cost = BodyBudget.costOf(BODY_BYTES, true);
    int admitted = 2;
    node = new WholeNodePublishingIT.Whole(dir, Map.of("COORDO_HTTP_BODY_MEMORY_BYTES",
        String.valueOf(cost * admitted + cost / 2)));
    Await.result(node.accounts().collectives().create("grenoble", "Grenoble", "Collectif de Grenoble", false));
    remote = new FakeRemote(vertx);
    int senders = 8;
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      remote.actor("r" + i, KEY);
      bodies.add(follow("r" + i));
    }
    remote.hold(); // every actor document (with its key) is slow to come

    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      answers.add(postSigned("r" + i, bodies.get(i)));
    }
    Await.until("the requests beyond the budget answered",
        () -> answers.stream().filter(CompletableFuture::isDone).count() == senders - admitted, Duration.ofSeconds(60));
    Await.until("the admitted ones wait for their keys", () -> remote.heldRequests() == admitted);
    for (CompletableFuture<HttpResponse<String>> a : answers) {
      if (a.isDone()) {
        HttpResponse<String> refused = a.get();
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals(String.valueOf(BodyBudget.RETRY_AFTER_SECONDS), refused.headers().firstValue("Retry-After").orElse(null));
        assertTrue(new JsonObject(refused.body()).getString("error").contains("busy"), refused.body());
      }
    }
    // the node keeps serving everyone else meanwhile
    assertEquals(200, TestNodes.send(HttpRequest.newBuilder(URI.create(node.base + "/health")).build()).statusCode());
    assertEquals(200, TestNodes.send(HttpRequest.newBuilder(URI.create(node.base + "/actors/grenoble"))
        .header("Accept", "application/activity+json").build()).statusCode());

    remote.release();
    int accepted = 0;
    for (int i = 0; i < senders; i++) {
      int status = answers.get(i).get().statusCode();
      boolean follower = node.node.services().federation().internals().follows()
          .findFollower("grenoble", remote.actorId("r" + i))
          .map(f -> f.state() == FollowState.ACCEPTED).orElse(false);
      assertEquals(status == 202, follower, "r" + i + " answered " + status);
      accepted += status == 202 ? 1 : 0;
    }
    assertEquals(admitted, accepted);
    // everything given back: a refused sender that retries is now accepted
    int again = indexOfFirst(answers, 503);
    assertEquals(202, postSigned("r" + again, bodies.get(again)).get().statusCode());
  }

  private static int indexOfFirst(List<CompletableFuture<HttpResponse<String>>> answers, int status) {
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).join().statusCode() == status) {
        return i;
      }
    }
    throw new AssertionError("no answer " + status);
  }
}
