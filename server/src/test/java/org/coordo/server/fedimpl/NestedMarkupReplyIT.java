package org.coordo.server.fedimpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.vocab.As;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote reply of deeply nested markup (the kind that costs a parser seconds) does not stall the
 * node: {@code /health} keeps answering fast and no event loop lags while the reply is received, and
 * the reply is kept, as plain text.
 */
class NestedMarkupReplyIT {
  @TempDir Path dirA;
  @TempDir Path dirB;
  WholeNodePublishingIT.Whole a;
  WholeNodePublishingIT.Whole b;

  @AfterEach
  void tearDown() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void aDeeplyNestedReplyDoesNotStallHealth() {
    // one event loop: whatever blocks it, /health waits for
    a = new WholeNodePublishingIT.Whole(dirA, Map.of("COORDO_HTTP_EVENT_LOOPS", "1"));
    b = new WholeNodePublishingIT.Whole(dirB);
    Await.result(a.accounts().collectives().create("grenoble", "Grenoble", "Collectif de Grenoble", false));
    String editor = a.user("alice", Map.of("grenoble", Role.EDITOR));
    b.user("dana", Map.of());
    JsonObject call = new JsonObject(a.send("POST", "/api/collectives/grenoble/calls", editor,
        new JsonObject().put("title", "Appel").put("content", "Venez.").put("publish", true)).body());
    String group = a.base + "/actors/grenoble";

    // ~300 KiB: 12,000 nested blockquotes (jsoup needs several seconds for it)
    int depth = 12_000;
    String markup = "<blockquote>".repeat(depth) + "fin" + "</blockquote>".repeat(depth);
    JsonObject note = new JsonObject().put("id", b.base + "/notes/nested").put("type", "Note")
        .put("attributedTo", b.base + "/actors/dana").put("inReplyTo", call.getString("url"))
        .put("content", markup).put("to", new JsonArray().add(As.PUBLIC).add(group));
    Await.result(b.node.services().federation().internals().publisher().publish("dana",
        new JsonObject().put("type", "Create").put("object", note).put("to", new JsonArray().add(As.PUBLIC).add(group))));

    // a 50 ms tick on every event loop of node A: how late the worst one came is how long a loop was blocked
    AtomicLong worstLag = new AtomicLong();
    int loops = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
    String ticks = Await.result(a.node.vertx().deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        long[] last = {System.nanoTime()};
        vertx.setPeriodic(50, id -> {
          long now = System.nanoTime();
          worstLag.accumulateAndGet((now - last[0]) / 1_000_000 - 50, Math::max);
          last[0] = now;
        });
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(loops)));

    long worstMillis = 0;
    JsonObject stored = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (stored == null && System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      HttpResponse<String> health = TestNodes.get(a.port, "/health");
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(200, health.statusCode(), health.body());
      worstMillis = Math.max(worstMillis, millis);
      JsonArray items = new JsonObject(a.send("GET", "/api/collectives/grenoble/moderation/replies", editor, null)
          .body()).getJsonArray("items");
      stored = items.isEmpty() ? null : items.getJsonObject(0);
    }
    Await.result(a.node.vertx().undeploy(ticks));
    assertTrue(stored != null, "the reply reached the moderation queue");
    System.out.println("[nested reply] worst /health latency while receiving it: " + worstMillis
        + " ms; worst event-loop lag: " + worstLag.get() + " ms");
    assertTrue(worstMillis < 1000, "/health answered within 1 s while the reply was processed: " + worstMillis + " ms");
    assertTrue(worstLag.get() < 1000, "no event loop was blocked for 1 s or more: " + worstLag.get() + " ms");
    String html = stored.getString("contentHtml");
    assertTrue(html.contains("fin"), html);
    assertFalse(html.contains("<blockquote>"), "kept as plain text: " + html.substring(0, Math.min(200, html.length())));
  }
}
