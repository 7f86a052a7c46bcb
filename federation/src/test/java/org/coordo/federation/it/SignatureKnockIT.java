package org.coordo.federation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.SignatureKnock;
import org.coordo.federation.sig.SignatureScheme;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.SinkServer;
import org.coordo.federation.testkit.TestNode;
import org.coordo.federation.vocab.As;
import org.coordo.storage.Durability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node signs its deliveries and fetches for servers that verify only draft-cavage, only RFC 9421, or
 * challenge with {@code Accept-Signature}: RFC 9421 first, draft-cavage on a refusal, what worked remembered in
 * RocksDB across a restart, and no second knock on a 4xx that is not a signature refusal.
 */
class SignatureKnockIT {
  private static final String CHALLENGE =
      "sig1=(\"@method\" \"@target-uri\" \"@authority\" \"content-digest\" \"content-type\");created;"
          + "alg=\"rsa-v1_5-sha256\";tag=\"coordo-challenge\";nonce=\"n-42\"";

  @TempDir Path dir;
  Vertx vertx;
  TestNode node;
  LocalActor group;
  SinkServer sink;
  int published;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    node = TestNode.start(vertx, dir);
    group = node.createActor("grenoble", ActorType.Group, false);
    sink = SinkServer.start(vertx, Clock.systemUTC())
        .trust(node.uris().actorKey("grenoble").toString(), ActorKeys.publicKeyFromPem(group.publicKeyPem()))
        .trust(node.uris().instanceActorKey().toString(),
            ActorKeys.publicKeyFromPem(Await.result(node.federation().internals().actors().ensureInstanceActor()).publicKeyPem()));
    follower(sink, "a");
  }

  @AfterEach
  void tearDown() {
    node.close();
    sink.close();
    Await.result(vertx.close());
  }

  private void follower(SinkServer at, String name) {
    URI actor = at.url("/users/" + name);
    node.federation().internals().follows().write(b -> node.federation().internals().follows().putFollower(b, new Follower("grenoble", actor,
        FollowState.ACCEPTED, actor + "#follow", Clock.systemUTC().instant(), at.url("/users/" + name + "/inbox"),
        at.url("/inbox"))), Durability.SYNC);
  }

  private void publish() {
    published++;
    Await.result(node.federation().internals().publisher().publish("grenoble", new JsonObject().put("type", "Create")
        .put("to", new JsonArray().add(As.PUBLIC)).put("cc", new JsonArray().add(node.uris().followers("grenoble").toString()))
        .put("object", new JsonObject().put("type", "Note").put("content", "appel " + published))));
  }

  private long queued() {
    return Await.result(node.federation().internals().delivery().stats()).queued();
  }

  private static boolean isRfc9421(SinkServer.Received r) {
    return r.headers().containsKey("signature-input");
  }

  private static boolean isCavage(SinkServer.Received r) {
    return r.headers().containsKey("signature") && !isRfc9421(r);
  }

  @Test
  void aCavageOnlyServerIsKnockedTwiceOnceThenSignedCavageEvenAfterARestart() {
    sink.respond(r -> isCavage(r) && r.signatureValid() ? 202 : 401);
    publish();
    Await.until("delivered with the second knock", () -> sink.posts().size() == 2 && queued() == 0);
    List<SinkServer.Received> posts = sink.posts();
    assertTrue(isRfc9421(posts.get(0)) && posts.get(0).signatureValid(), "RFC 9421 first (and valid)");
    assertEquals(401, posts.get(0).answered());
    assertTrue(isCavage(posts.get(1)) && posts.get(1).answered() == 202, "then draft-cavage, accepted");

    node.restart();
    assertEquals(new SignatureKnock.Knock(SignatureScheme.CAVAGE, null),
        node.federation().internals().hostProfiles().remembered(sink.url("/inbox")).orElseThrow(), "read back from RocksDB");
    publish();
    Await.until("the next one delivered", () -> sink.posts().size() == 3 && queued() == 0);
    assertTrue(isCavage(sink.posts().get(2)) && sink.posts().get(2).answered() == 202,
        "after the restart the remembered scheme goes first: one signature, one request");
  }

  @Test
  void anRfc9421OnlyServerGetsOneRfc9421RequestPerDelivery() {
    sink.respond(r -> isRfc9421(r) && r.signatureValid() ? 202 : 401);
    publish();
    publish();
    Await.until("both delivered", () -> sink.posts().size() == 2 && queued() == 0);
    assertTrue(sink.posts().stream().allMatch(r -> isRfc9421(r) && r.answered() == 202));
    assertTrue(sink.posts().get(0).headers().get("signature-input").contains("\"content-digest\""));
  }

  @Test
  void anAcceptSignatureChallengeIsAnsweredAndRememberedWithItsComponents() {
    sink.respond(r -> meetsChallenge(r) ? 202 : 401)
        .headers(r -> meetsChallenge(r) ? Map.of() : Map.of("Accept-Signature", CHALLENGE));
    publish();
    Await.until("delivered once the challenge was answered", () -> sink.posts().size() == 2 && queued() == 0);
    SinkServer.Received answer = sink.posts().get(1);
    assertEquals(202, answer.answered());
    String input = answer.headers().get("signature-input");
    assertTrue(input.startsWith("sig1=(\"@method\" \"@target-uri\" \"@authority\" \"content-digest\" \"content-type\")"),
        input);
    assertTrue(input.contains("nonce=\"n-42\"") && input.contains("alg=\"rsa-v1_5-sha256\"")
        && input.contains("keyid=\"" + node.uris().actorKey("grenoble") + "\""), input);

    publish();
    Await.until("the next one delivered", () -> sink.posts().size() == 3 && queued() == 0);
    assertTrue(meetsChallenge(sink.posts().get(2)), "the remembered challenge is answered at once");
  }

  @Test
  void anUnsatisfiableChallengeFallsBackToDraftCavage() {
    sink.respond(r -> isCavage(r) && r.signatureValid() ? 202 : 401)
        .headers(r -> Map.of("Accept-Signature", "sig1=(\"@method\" \"x-custom\");alg=\"ed25519\""));
    publish();
    Await.until("delivered with draft-cavage", () -> sink.posts().size() == 2 && queued() == 0);
    assertTrue(isCavage(sink.posts().get(1)));
  }

  @Test
  void aRefusalThatIsNotAboutTheSignatureIsNotKnockedAgain() {
    SinkServer gone = SinkServer.start(vertx, Clock.systemUTC()).respondWith(404);
    try {
      sink.respondWith(400);
      follower(gone, "b");
      publish();
      Await.until("both jobs dropped", () -> sink.posts().size() == 2 && gone.posts().size() == 1 && queued() == 0);
      assertEquals(List.of(400, 400), sink.posts().stream().map(SinkServer.Received::answered).toList(),
          "a 400 may mean a bad signature: one knock per scheme, then the job is final (nothing left queued)");
      assertTrue(isRfc9421(sink.posts().get(0)) && isCavage(sink.posts().get(1)));
      assertEquals(1, gone.posts().size(), "a 404 is no signature refusal: no second knock");
      assertFalse(node.federation().internals().hostProfiles().remembered(sink.url("/inbox")).isPresent(),
          "nothing worked, nothing is remembered");
    } finally {
      gone.close();
    }
  }

  @Test
  void signedFetchesKnockToo() {
    sink.respond(r -> isCavage(r) && r.signatureValid() ? 200 : 401);
    Throwable first = Await.failure(node.federation().internals().fetcher().fetchActivityJson(sink.url("/objects/1")));
    assertTrue(first.getMessage().contains("not JSON"), "the second knock got through: " + first.getMessage());
    List<SinkServer.Received> gets = sink.received().stream().filter(r -> r.method().equals("GET")).toList();
    assertEquals(2, gets.size());
    assertTrue(isRfc9421(gets.get(0)) && gets.get(0).keyId().equals(node.uris().instanceActorKey().toString()));
    assertTrue(isCavage(gets.get(1)) && gets.get(1).signatureValid());
    assertEquals(SignatureScheme.CAVAGE,
        node.federation().internals().hostProfiles().remembered(sink.url("/")).orElseThrow().scheme());
  }

  private static boolean meetsChallenge(SinkServer.Received r) {
    String input = r.headers().get("signature-input");
    return input != null && r.signatureValid() && input.contains("\"@authority\"") && input.contains("\"content-type\"")
        && input.contains("tag=\"coordo-challenge\"");
  }
}
