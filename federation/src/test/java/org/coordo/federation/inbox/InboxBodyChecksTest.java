package org.coordo.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.coordo.federation.BodyBudget;
import org.coordo.federation.JsonBodies;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox's body checks before anything is verified or stored: strict UTF-8, bounded JSON, and the
 * memory budget of bodies in flight when the handler reads the body itself.
 */
class InboxBodyChecksTest {
  static final KeyPair ALICE = ActorKeys.generate();

  @TempDir Path dir;
  final Vertx vertx = Vertx.vertx();
  final List<InboundActivity> received = new CopyOnWriteArrayList<>();
  InboxFixture node;
  FakeRemote remote;

  void start(BodyBudget budget) {
    remote = new FakeRemote(vertx).actor("alice", ALICE);
    startNode(budget);
  }

  void startNode(BodyBudget budget) {
    node = new InboxFixture(vertx, dir, 1 << 20, budget);
    node.createLocal("grenoble", false);
    for (String type : List.of("Follow", "Create")) {
      node.listeners.on(type, a -> {
        received.add(a);
        return Future.succeededFuture();
      });
    }
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    if (remote != null) {
      remote.close();
    }
    Await.result(vertx.close());
  }

  JsonObject create(Object content) {
    String actor = remote.actorId("alice").toString();
    return new JsonObject()
        .put("@context", "https://www.w3.org/ns/activitystreams")
        .put("id", actor + "/activities/" + UUID.randomUUID())
        .put("type", "Create")
        .put("actor", actor)
        .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"))
        .put("object", new JsonObject().put("id", actor + "/notes/" + UUID.randomUUID()).put("type", "Note")
            .put("attributedTo", actor).put("content", content));
  }

  InboxFixture.Response postSigned(byte[] body) {
    return node.post("/inbox", body, "application/activity+json", remote.cavage("alice", node.clock), Map.of());
  }

  void assertRefusedAndNothingStored(InboxFixture.Response r, String messagePart) {
    assertEquals(400, r.status(), String.valueOf(r.body()));
    assertTrue(r.body().getString("error").contains(messagePart), r.body().encode());
    assertEquals(0, node.seenCount(), "seen ids");
    assertEquals(0, node.logCount(), "inbox log");
    assertTrue(received.isEmpty());
  }

  /** The activity's bytes with {@code MARK} in its content replaced by {@code raw}. */
  byte[] withRawBytes(byte[] raw) {
    byte[] text = create("before MARK after").encode().getBytes(StandardCharsets.UTF_8);
    String s = new String(text, StandardCharsets.ISO_8859_1);
    int at = s.indexOf("MARK");
    byte[] out = new byte[text.length - 4 + raw.length];
    System.arraycopy(text, 0, out, 0, at);
    System.arraycopy(raw, 0, out, at, raw.length);
    System.arraycopy(text, at + 4, out, at + raw.length, text.length - at - 4);
    return out;
  }

  @Test
  void invalidUtf8IsRefusedWith400AndNothingStored() {
    start(new BodyBudget(BodyBudget.DEFAULT_CAPACITY));
    byte[][] invalid = {
        {(byte) 0xC3, (byte) 0x28},              // a lead byte without its continuation
        {(byte) 0xFF},                           // never valid in UTF-8
        {(byte) 0xC0, (byte) 0xAF},              // overlong '/'
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
    };
    for (byte[] raw : invalid) {
      assertRefusedAndNothingStored(postSigned(withRawBytes(raw)), "UTF-8");
    }
    // well-formed multi-byte text still goes through
    InboxFixture.Response ok = postSigned(withRawBytes("é€😀".getBytes(StandardCharsets.UTF_8)));
    assertEquals(202, ok.status(), String.valueOf(ok.body()));
    assertEquals("before é€😀 after", received.get(0).activity().getJsonObject("object").getString("content"));
  }

  @Test
  void documentNestedTooDeepIsRefusedWith400AndNothingStored() {
    start(new BodyBudget(BodyBudget.DEFAULT_CAPACITY));
    Object nested = "bottom";
    for (int i = 0; i < JsonBodies.MAX_DEPTH + 10; i++) {
      nested = new JsonArray().add(nested);
    }
    assertRefusedAndNothingStored(postSigned(create(nested).encode().getBytes(StandardCharsets.UTF_8)), "nested");
  }

  @Test
  void documentWithTooManyValuesIsRefusedWith400AndNothingStored() {
    start(new BodyBudget(BodyBudget.DEFAULT_CAPACITY));
    JsonArray many = new JsonArray();
    for (int i = 0; i < JsonBodies.MAX_VALUES; i++) {
      many.add(1);
    }
    assertRefusedAndNothingStored(postSigned(create(many).encode().getBytes(StandardCharsets.UTF_8)), "values");
  }

  @Test
  void bodiesBeyondTheBudgetGet503WithRetryAfterWhileTheKeyFetchIsSlow() throws Exception {
    remote = new FakeRemote(vertx).actor("alice", ALICE);
    byte[][] bodies = new byte[5][];
    for (int i = 0; i < bodies.length; i++) {
      bodies[i] = create("x".repeat(200_000)).encode().getBytes(StandardCharsets.UTF_8);
    }
    // room for two of these bodies in flight, not three
    startNode(new BodyBudget(BodyBudget.costOf(bodies[0].length, true) * 5 / 2));
    remote.hold();
    ExecutorService pool = Executors.newFixedThreadPool(bodies.length);
    try {
      List<CompletableFuture<InboxFixture.Response>> answers = new ArrayList<>();
      for (byte[] body : bodies) {
        answers.add(CompletableFuture.supplyAsync(() -> postSigned(body), pool));
      }
      // two are admitted and wait for the actor's key; the others are refused meanwhile, unread
      Await.until("the requests beyond the budget answered",
          () -> answers.stream().filter(CompletableFuture::isDone).count() == bodies.length - 2);
      Await.until("the admitted ones wait for the key", () -> remote.heldRequests() >= 1);
      for (CompletableFuture<InboxFixture.Response> a : answers) {
        if (a.isDone()) {
          InboxFixture.Response r = a.get();
          assertEquals(503, r.status(), String.valueOf(r.body()));
          assertEquals(String.valueOf(BodyBudget.RETRY_AFTER_SECONDS), r.headers().get("Retry-After"));
          assertTrue(r.body().getString("error").contains("busy"), r.body().encode());
        }
      }
      assertEquals(0, node.seenCount());
      remote.release();
      long accepted = 0;
      for (int i = 0; i < bodies.length; i++) {
        int status = answers.get(i).get().status();
        String id = new JsonObject(new String(bodies[i], StandardCharsets.UTF_8)).getString("id");
        assertEquals(status == 202, node.seen.seen(id), "stored if and only if accepted: " + status);
        accepted += status == 202 ? 1 : 0;
      }
      assertEquals(2, accepted);
      assertEquals(2, received.size(), "the admitted activities are processed");
      // once they are done, the budget is whole again
      Await.until("the budget is given back", () -> node.budget.inUse() == 0);
      assertEquals(202, postSigned(create("again").encode().getBytes(StandardCharsets.UTF_8)).status());
    } finally {
      pool.shutdownNow();
    }
  }
}
