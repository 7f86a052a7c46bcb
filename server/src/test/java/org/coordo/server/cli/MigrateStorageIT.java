package org.coordo.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
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
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.SinkServer;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.config.ConfigLoader;
import org.coordo.server.config.NodeConfig;
import org.coordo.storage.testkit.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./coordo migrate-storage}: a node with a collective, its keys, followers, a publication and
 * a delivery pending for a follower whose server is down is stopped, copied into an empty store,
 * into an empty PostgreSQL database (the embedded one of the storage test kit), and started on it
 * under the same public URL: the actor document and key are identical, the followers are there, the
 * publication is served, and the pending delivery arrives once the follower's server is back.
 */
class MigrateStorageIT {
  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

  @TempDir Path tmp;
  Vertx vertx;
  PgTestDatabase db;
  final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void tearDown() {
    nodes.forEach(n -> TestNodes.await(n.stop()));
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (db != null) {
      db.close();
    }
  }

  /** The storage.postgresql.* settings of the test database (the backend stays what {@code backend} says). */
  private Map<String, String> postgres(String backend, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("COORDO_STORAGE_BACKEND", backend);
    env.put("COORDO_STORAGE_POSTGRESQL_HOST", "127.0.0.1");
    env.put("COORDO_STORAGE_POSTGRESQL_PORT", String.valueOf(port));
    env.put("COORDO_STORAGE_POSTGRESQL_DATABASE", db.name());
    env.put("COORDO_STORAGE_POSTGRESQL_USER", PgTestDatabase.USER);
    return env;
  }

  private Map<String, String> with(Map<String, String> env, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(more);
    return all;
  }

  @Test
  void aMigratedNodeKeepsActorsKeysFollowersPublicationsAndPendingDeliveries() throws Exception {
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    db = PgTestDatabase.create();
    Map<String, String> envA = with(env("a", port), postgres("rocksdb", PgTestDatabase.port()));
    Map<String, String> envB = with(env("b", port), postgres("postgresql", PgTestDatabase.port()));
    String config = TestNodes.emptyConfigFile(tmp).toString();
    cli(envA, "admin", "create-collective", "grenoble", "--display-name", "Grenoble", "--config", config);
    cli(envA, "admin", "create-user", "ed", "--role", "editor", "--collective", "grenoble", "--config", config);
    String token = cli(envA, "admin", "create-token", "--user", "ed", "--label", "migration", "--config", config).strip();

    vertx = Vertx.vertx();
    Follower up = new Follower(vertx);
    Follower down = new Follower(vertx);
    Node a = start(envA);
    String group = base + "/actors/grenoble";
    for (Follower f : List.of(up, down)) {
      assertEquals(202, TestNodes.send(f.signedPost(URI.create(group + "/inbox"), f.follow(group))).statusCode());
    }
    Await.until("both followers accepted", () -> up.accepted() && down.accepted(), Duration.ofSeconds(30));
    down.sink.respondWith(503); // its server goes down
    HttpResponse<String> published = TestNodes.send(HttpRequest.newBuilder(URI.create(base + "/api/collectives/grenoble/calls"))
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("title", "Appel avant migration")
            .put("content", "Rendez-vous samedi.").put("publish", true).encode()))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build());
    assertEquals(201, published.statusCode(), published.body());
    String publication = new JsonObject(published.body()).getString("url");
    Await.until("the up follower got the Create and the down one refused it",
        () -> up.creates() == 1 && down.sink.posts().stream().anyMatch(Follower::isCreate), Duration.ofSeconds(30));
    JsonObject actorBefore = activity(group);
    JsonObject publicationBefore = activity(publication);
    TestNodes.await(a.stop());
    nodes.remove(a);

    CliTest.Result migrated = CliTest.run(envA, "migrate-storage", "--to", "postgresql", "--config", config);
    assertEquals(0, migrated.status(), migrated.err() + migrated.out());
    assertTrue(migrated.out().contains("copied queue delivery: 1 pending jobs"), migrated.out());
    assertTrue(migrated.out().contains("counts and samples match"), migrated.out());

    Node b = start(envB); // on PostgreSQL, same public URL
    assertEquals(actorBefore, activity(group), "same actor document, same key");
    assertEquals(publicationBefore, activity(publication));
    assertEquals(2, activity(group + "/followers").getInteger("totalItems"));
    assertEquals(0, down.creates(), "not delivered while its server is down");
    down.sink.respondWith(202); // back up
    Await.until("the pending delivery arrives", () -> down.creates() == 1, Duration.ofSeconds(30));
    assertEquals(1, up.creates(), "the delivered one is not sent again");
    assertEquals(200, TestNodes.get(b.port(), "/health").statusCode());
  }

  @Test
  void refusesARunningNodeANonEmptyTargetAndBadFlagsWithoutCopying() throws Exception {
    db = PgTestDatabase.create();
    Map<String, String> envA = with(env("a", 0), postgres("rocksdb", PgTestDatabase.port()));
    String config = TestNodes.emptyConfigFile(tmp).toString();
    cli(envA, "admin", "create-collective", "lyon", "--display-name", "Lyon", "--config", config);

    CliTest.Result noTo = CliTest.run(envA, "migrate-storage", "--config", config);
    assertEquals(Cli.USAGE, noTo.status());
    assertTrue(noTo.err().contains("usage: ./coordo migrate-storage --to postgresql"), noTo.err());
    CliTest.Result wrongTo = CliTest.run(envA, "migrate-storage", "--to", "mysql", "--config", config);
    assertEquals(Cli.USAGE, wrongTo.status());
    assertTrue(wrongTo.err().contains("the only target is postgresql"), wrongTo.err());
    CliTest.Result unreachable = CliTest.run(with(envA, postgres("rocksdb", freePort())),
        "migrate-storage", "--to", "postgresql", "--config", config);
    assertEquals(Cli.FAILED, unreachable.status());
    assertTrue(unreachable.err().contains("cannot open the PostgreSQL database") && unreachable.err().contains("nothing was copied"),
        unreachable.err());

    Node a = start(envA);
    CliTest.Result running = CliTest.run(envA, "migrate-storage", "--to", "postgresql", "--config", config);
    assertEquals(Cli.FAILED, running.status());
    assertTrue(running.err().contains("a node is running on") && running.err().contains("stop it first"), running.err());
    TestNodes.await(a.stop());
    nodes.remove(a);

    CliTest.Result first = CliTest.run(envA, "migrate-storage", "--to", "postgresql", "--config", config);
    assertEquals(0, first.status(), first.err());
    CliTest.Result again = CliTest.run(envA, "migrate-storage", "--to", "postgresql", "--config", config);
    assertEquals(Cli.FAILED, again.status());
    assertTrue(again.err().contains("is not empty") && again.err().contains("nothing was copied"), again.err());
  }

  private Map<String, String> env(String name, int port) {
    Map<String, String> extra = new HashMap<>();
    extra.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
    if (port != 0) {
      extra.put("COORDO_PORT", String.valueOf(port));
      extra.put("COORDO_PUBLIC_URL", "http://127.0.0.1:" + port);
    }
    return TestNodes.env(tmp.resolve(name), extra);
  }

  private Node start(Map<String, String> env) {
    NodeConfig config = ConfigLoader.load(tmp.resolve("test-node.json"), env).config();
    Node node = TestNodes.await(Node.start(config, TestNodes.options(false)));
    nodes.add(node);
    return node;
  }

  private static String cli(Map<String, String> env, String... args) {
    CliTest.Result r = CliTest.run(env, args);
    assertEquals(0, r.status(), r.err());
    return r.out();
  }

  private static JsonObject activity(String url) {
    HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "application/activity+json").build());
    assertEquals(200, r.statusCode(), url + " " + r.body());
    return new JsonObject(r.body());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A follower's server: one Person with its key, a shared inbox that records deliveries. */
  static final class Follower {
    final SinkServer sink;
    private final KeyPair keys = ActorKeys.generate();
    private final String id;

    Follower(Vertx vertx) {
      sink = SinkServer.start(vertx, Clock.systemUTC());
      id = sink.url("/actors/f").toString();
      sink.serve("/actors/f", new JsonObject()
          .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1"))
          .put("id", id).put("type", "Person").put("preferredUsername", "f").put("inbox", id + "/inbox")
          .put("outbox", id + "/outbox").put("endpoints", new JsonObject().put("sharedInbox", sink.url("/inbox").toString()))
          .put("publicKey", new JsonObject().put("id", id + "#main-key").put("owner", id)
              .put("publicKeyPem", ActorKeys.toPem(keys.getPublic()))));
    }

    JsonObject follow(String group) {
      return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
          .put("id", id + "/follows/1").put("type", "Follow").put("actor", id).put("object", group);
    }

    HttpRequest signedPost(URI inbox, JsonObject activity) {
      byte[] body = activity.encode().getBytes(StandardCharsets.UTF_8);
      HttpRequest.Builder request = HttpRequest.newBuilder(inbox).timeout(Duration.ofSeconds(20))
          .header("Content-Type", "application/activity+json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
      new CavageSigner(id + "#main-key", keys.getPrivate(), Clock.systemUTC()).sign("POST", inbox, body)
          .forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
              request.header(name, value);
            }
          });
      return request.build();
    }

    boolean accepted() {
      return sink.posts().stream().anyMatch(r -> r.body() != null && "Accept".equals(r.body().getString("type")));
    }

    static boolean isCreate(SinkServer.Received r) {
      return r.body() != null && "Create".equals(r.body().getString("type"));
    }

    /** Creates this server took (answered 2xx); one refused with 503 does not count. */
    long creates() {
      return sink.posts().stream().filter(Follower::isCreate).filter(r -> r.answered() < 300).count();
    }
  }
}
