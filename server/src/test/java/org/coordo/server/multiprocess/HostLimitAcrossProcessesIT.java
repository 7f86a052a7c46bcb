package org.coordo.server.multiprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.SinkServer;
import org.coordo.server.app.Node;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.UserService;
import org.coordo.storage.Durability;
import org.coordo.storage.pg.PgKvStore;
import org.coordo.storage.testkit.PgTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-host delivery limit is the node's, not each process's: two processes of one node on one PostgreSQL
 * (as {@link TwoProcessesIT}) each publish a call to the same followers, all on one slow server (answers after
 * 300 ms, counts the requests in flight). Both processes deliver at once, yet that server never sees more requests
 * in flight than the per-host limit (3 by default): each process applies {@code max(1, 3 / 2)} = 1.
 */
class HostLimitAcrossProcessesIT {
  static final int FOLLOWERS = 10;
  @TempDir static Path dir;
  static TwoProcesses node;
  static PgTestDatabase db;
  static Node a;
  static Node b;
  static SinkServer host;

  @BeforeAll
  static void start() throws java.io.IOException {
    node = TwoProcesses.start(dir);
    db = node.db;
    a = node.a;
    b = node.b;
    host = SinkServer.start(PgTestDatabase.vertx(), Clock.systemUTC()).nodeInfo("mastodon")
        .delay(Duration.ofMillis(300));
  }

  @AfterAll
  static void stop() {
    if (host != null) {
      host.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void twoProcessesDeliveringToOneHostStayWithinTheNodesPerHostLimit() {
    var accounts = a.services().accounts();
    Await.result(accounts.collectives().create("grenoble", "Grenoble", "Collectif", false));
    Await.result(accounts.users().create(new UserService.NewUser("ed", "Ed", "ed-password-long"), false,
        Map.of("grenoble", Role.EDITOR)));
    String token = Await.result(accounts.sessions().createToken("ed", "test")).token();
    seedFollowers();
    // Each process counts the node's processes at start and every few seconds: A learns of B within 3 s.
    Await.until("both processes count two", () -> live(a) == 2 && live(b) == 2, Duration.ofSeconds(20));

    // One call published through each process: each wakes its own delivery worker, so both deliver at once.
    publish(a, token, "Appel A");
    publish(b, token, "Appel B");
    Await.until("every follower got both calls", () -> host.posts().size() >= 2 * FOLLOWERS, Duration.ofSeconds(30));

    assertEquals(2 * FOLLOWERS, host.posts().size());
    int limit = 3; // DeliveryPolicy.defaults: the per-host limit of the node
    assertTrue(host.maxConcurrent() <= limit,
        "the server saw " + host.maxConcurrent() + " requests in flight at once, above the node's limit " + limit);
    assertTrue(host.maxConcurrent() >= 1);
  }

  private static int live(Node node) {
    return node.services().platform().storage().liveProcesses().count();
  }

  private static void publish(Node node, String token, String title) {
    HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(
            TestNodes.uri(node.port(), "/api/collectives/grenoble/calls"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("title", title).put("content", "Le 12.")
            .put("publish", true).encode()))
        .build());
    assertEquals(201, r.statusCode(), r.body());
  }

  /** {@link #FOLLOWERS} accepted followers of grenoble on the one slow server, each with its own inbox. */
  private static void seedFollowers() {
    Instant at = Instant.now();
    try (PgKvStore store = PgKvStore.open(PgTestDatabase.vertx(), db.options(), StorageSchema.options())) {
      FollowRepository follows = new FollowRepository(store);
      follows.write(batch -> {
        for (int i = 0; i < FOLLOWERS; i++) {
          URI actor = host.url("/actors/a" + i);
          follows.putFollower(batch, new Follower("grenoble", actor, FollowState.ACCEPTED, actor + "/follows/1",
              at.plusMillis(i), host.url("/actors/a" + i + "/inbox"), null));
        }
      }, Durability.SYNC);
    }
  }
}
