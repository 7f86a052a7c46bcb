package org.coordo.federation.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.federation.ActorType;
import org.coordo.federation.FetchException;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.TestKeys;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.federation.testkit.SignedPoster;
import org.coordo.federation.testkit.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity through redirects, on loopback: two HTTP servers on 127.0.0.1 with two ports are two origins,
 * R1 and R2. A real node fetches actors and keys through its real fetcher (redirects followed, each one
 * guarded) and receives activities signed with real keys. A document served by R2 never speaks for R1,
 * whatever the redirect that led to it.
 */
class RedirectedIdentityTest {
  @TempDir Path dir;
  Vertx vertx;
  TestNode node;
  Origin r1;
  Origin r2;
  SignedPoster poster;
  final KeyPair key = TestKeys.ALICE;
  RecordingListener creates;

  /** One origin: documents and redirects by path. */
  static final class Origin {
    final HttpServer server;
    final String base;
    final Map<String, JsonObject> documents = new ConcurrentHashMap<>();
    final Map<String, String> redirects = new ConcurrentHashMap<>();

    Origin(Vertx vertx) {
      server = Await.result(vertx.createHttpServer().requestHandler(req -> {
        String to = redirects.get(req.path());
        JsonObject doc = documents.get(req.path());
        if (to != null) {
          req.response().setStatusCode(302).putHeader("Location", to).end();
        } else if (doc != null) {
          req.response().putHeader("Content-Type", "application/activity+json").end(doc.encode());
        } else {
          req.response().setStatusCode(404).end();
        }
      }).listen(0, "127.0.0.1"));
      base = "http://127.0.0.1:" + server.actualPort();
    }

    String url(String path) {
      return base + path;
    }
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    node = TestNode.start(vertx, dir);
    node.createActor("lyon", ActorType.Group, false);
    creates = node.record("Create");
    r1 = new Origin(vertx);
    r2 = new Origin(vertx);
    poster = new SignedPoster(vertx);
  }

  @AfterEach
  void tearDown() {
    poster.close();
    node.close();
    Await.result(r1.server.close());
    Await.result(r2.server.close());
    Await.result(vertx.close());
  }

  private JsonObject actor(String id, String keyId) {
    return new JsonObject()
        .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1"))
        .put("id", id).put("type", "Person").put("preferredUsername", "m")
        .put("inbox", id + "/inbox")
        .put("publicKey", new JsonObject().put("id", keyId).put("owner", id)
            .put("publicKeyPem", ActorKeys.toPem(key.getPublic())));
  }

  private JsonObject create(String actor, String origin) {
    return new JsonObject().put("id", origin + "/activities/" + System.nanoTime()).put("type", "Create")
        .put("actor", actor).put("to", new JsonArray().add(node.actorId("lyon").toString()))
        .put("object", new JsonObject().put("id", origin + "/notes/" + System.nanoTime()).put("type", "Note")
            .put("attributedTo", actor).put("content", "bonjour"));
  }

  private int postAs(String keyId, JsonObject activity) {
    return poster.post(URI.create(node.url() + "/inbox"), activity, new CavageSigner(keyId, key.getPrivate(),
        Clock.systemUTC()));
  }

  @Test
  void anActorDocumentReachedThroughARedirectToAnotherOriginDoesNotSignForTheFirst() {
    // R1/users/mallory redirects to R2, which serves a document claiming R1's id and key
    String claimed = r1.url("/users/mallory");
    r1.redirects.put("/users/mallory", r2.url("/users/mallory"));
    r2.documents.put("/users/mallory", actor(claimed, claimed + "#main-key"));

    assertEquals(401, postAs(claimed + "#main-key", create(claimed, r1.base)));
    Throwable refused = Await.failure(node.federation().internals().remoteActors().resolve(URI.create(claimed), false));
    assertTrue(refused.getMessage().contains("origin"), refused.getMessage()); // fetcher or actor check
    assertTrue(creates.received().isEmpty());

    // the same key, served by R2 under R2's own id, signs for R2's actor: the pipeline itself works
    String own = r2.url("/users/bob");
    r2.documents.put("/users/bob", actor(own, own + "#main-key"));
    assertEquals(202, postAs(own + "#main-key", create(own, r2.base)));
    assertEquals(URI.create(own), creates.received().get(0).actor());
  }

  @Test
  void aKeyIdOfAnotherOriginIsNotTheActorsKeyEvenWhenItRedirectsToTheActor() {
    // the key id names R1, which redirects to R2's actor; the actor lists that R1 key as its own
    String actorId = r2.url("/users/eve");
    String keyId = r1.url("/users/eve#main-key");
    r1.redirects.put("/users/eve", actorId);
    r2.documents.put("/users/eve", actor(actorId, keyId));

    assertEquals(401, postAs(keyId, create(actorId, r2.base)));
    assertTrue(creates.received().isEmpty());
  }

  @Test
  void everyActivityStreamsFetchChecksTheIdAgainstTheOriginThatAnswered() {
    // an object of R1 answered by R2 after a redirect, still claiming R1's id
    r1.redirects.put("/notes/1", r2.url("/notes/1"));
    r2.documents.put("/notes/1", new JsonObject().put("id", r1.url("/notes/1")).put("type", "Note"));
    Future<JsonObject> fetched = node.federation().internals().fetcher().fetchActivityJson(URI.create(r1.url("/notes/1")));
    FetchException wrong = assertInstanceOf(FetchException.class, Await.failure(fetched));
    assertEquals(URI.create(r2.url("/notes/1")), wrong.url());
    // a redirect within one origin, to a document of that origin, is fine
    r2.redirects.put("/notes/old", r2.url("/notes/2"));
    r2.documents.put("/notes/2", new JsonObject().put("id", r2.url("/notes/2")).put("type", "Note"));
    assertEquals(r2.url("/notes/2"),
        Await.result(node.federation().internals().fetcher().fetchActivityJson(URI.create(r2.url("/notes/old")))).getString("id"));
    // a document without id is no ActivityStreams document
    r2.documents.put("/notes/3", new JsonObject().put("type", "Note"));
    assertInstanceOf(FetchException.class,
        Await.failure(node.federation().internals().fetcher().fetchActivityJson(URI.create(r2.url("/notes/3")))));
  }
}
