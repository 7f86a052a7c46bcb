package org.coordo.server.api.publication;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.coordo.server.api.publication.PublishingHarness.EDITOR;
import static org.coordo.server.api.publication.PublishingHarness.MEMBER;
import static org.coordo.server.api.publication.PublishingHarness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.spi.InboxListener;
import org.coordo.server.fedimpl.BlockInboxPolicy;
import org.coordo.server.fedimpl.PublicationInboxListeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModerationApiTest {
  static final URI REMOTE = URI.create("https://lyon.example/actors/dana");

  @TempDir Path dir;
  PublishingHarness h;
  final Map<String, InboxListener> listeners = new HashMap<>();
  String objectUrl;
  String apiPath;

  @BeforeEach
  void start() throws Exception {
    h = new PublishingHarness(dir);
    new PublicationInboxListeners(h.publishing.replyService).register(listeners::put);
    JsonObject created = h.send(POST, "/api/collectives/grenoble/calls", EDITOR,
        new JsonObject().put("title", "Appel").put("content", "Grève !").put("publish", true)).bodyAsJsonObject();
    objectUrl = created.getString("url");
    apiPath = "/api/collectives/grenoble/calls/" + created.getString("id");
  }

  @AfterEach
  void stop() {
    h.close();
  }

  void deliver(String type, URI actor, Object object, String id) {
    JsonObject activity = new JsonObject().put("id", id).put("type", type).put("actor", actor.toString())
        .put("object", object);
    await(listeners.get(type).onActivity(new InboundActivity(activity, type, actor, Set.of("grenoble"), Instant.now())));
  }

  JsonObject note(String id, URI author, String html) {
    return new JsonObject().put("id", id).put("type", "Note").put("attributedTo", author.toString())
        .put("inReplyTo", objectUrl).put("content", html).put("published", "2026-03-01T12:00:00Z")
        .put("to", new JsonArray().add("https://www.w3.org/ns/activitystreams#Public"));
  }

  JsonObject counters() {
    return h.send(GET, apiPath, null, null).bodyAsJsonObject().getJsonObject("counters");
  }

  JsonObject repliesPage() {
    return await(h.request(GET, "/collectives/grenoble/calls/" + apiPath.substring(apiPath.lastIndexOf('/') + 1)
        + "/replies?page=true", null).putHeader("Accept", "application/activity+json").send()).bodyAsJsonObject();
  }

  @Test
  void replyIsSanitisedQueuedAndListedOnceApproved() {
    String noteId = "https://lyon.example/notes/1";
    JsonObject note = note(noteId, REMOTE, "<p>Solidarité <script>steal()</script><a href=\"javascript:x\">!</a></p>");
    deliver("Create", REMOTE, note, "https://lyon.example/activities/1");
    deliver("Create", REMOTE, note, "https://lyon.example/activities/1b"); // a retry changes nothing
    assertEquals(1, counters().getLong("replies"));
    assertEquals(0, repliesPage().getJsonArray("orderedItems").size(), "pending replies are not listed");

    assertEquals(403, h.send(GET, "/api/collectives/grenoble/moderation/replies", MEMBER, null).statusCode());
    JsonArray queue = h.send(GET, "/api/collectives/grenoble/moderation/replies", EDITOR, null).bodyAsJsonObject()
        .getJsonArray("items");
    assertEquals(1, queue.size());
    JsonObject reply = queue.getJsonObject(0);
    assertEquals("pending", reply.getString("state"));
    String html = reply.getString("contentHtml");
    assertFalse(html.contains("script") || html.contains("javascript"), html);
    assertTrue(html.startsWith("<p>Solidarité"), html);

    String ref = reply.getString("ref");
    assertEquals(403, h.send(POST, "/api/collectives/grenoble/moderation/replies/" + ref + "/approve", MEMBER, null)
        .statusCode());
    assertEquals(200, h.send(POST, "/api/collectives/grenoble/moderation/replies/" + ref + "/approve", EDITOR, null)
        .statusCode());
    assertEquals(JsonArray.of(noteId), repliesPage().getJsonArray("orderedItems"));
    assertEquals(0, h.send(GET, "/api/collectives/grenoble/moderation/replies", EDITOR, null).bodyAsJsonObject()
        .getJsonArray("items").size());

    // the author edits, then deletes it
    deliver("Update", REMOTE, note(noteId, REMOTE, "<p>Modifié <img src=x onerror=y()></p>"),
        "https://lyon.example/activities/2");
    // someone else cannot delete it
    deliver("Delete", URI.create("https://evil.example/actors/x"), noteId, "https://evil.example/activities/3");
    assertEquals(1, repliesPage().getJsonArray("orderedItems").size());
    deliver("Delete", REMOTE, new JsonObject().put("id", noteId).put("type", "Tombstone"),
        "https://lyon.example/activities/4");
    assertEquals(0, repliesPage().getJsonArray("orderedItems").size());
    assertEquals(0, counters().getLong("replies"));
  }

  @Test
  void repliesToUnknownObjectsOrNotByTheSenderAreIgnored() {
    JsonObject stranger = note("https://lyon.example/notes/2", REMOTE, "x").put("inReplyTo", h.base
        + "/collectives/grenoble/calls/zzzz");
    deliver("Create", REMOTE, stranger, "https://lyon.example/activities/5");
    JsonObject forged = note("https://lyon.example/notes/3", URI.create("https://lyon.example/actors/eve"), "x");
    deliver("Create", REMOTE, forged, "https://lyon.example/activities/6");
    assertEquals(0, counters().getLong("replies"));
  }

  @Test
  void likesAndAnnouncesAreCountedOncePerActorAndUndoDecrements() {
    deliver("Like", REMOTE, objectUrl, "https://lyon.example/likes/1");
    deliver("Like", REMOTE, objectUrl, "https://lyon.example/likes/1");
    deliver("Like", REMOTE, objectUrl, "https://lyon.example/likes/1-again");
    deliver("Like", URI.create("https://paris.example/actors/f"), objectUrl, "https://paris.example/likes/9");
    deliver("Announce", REMOTE, objectUrl, "https://lyon.example/boosts/1");
    assertEquals(2, counters().getLong("likes"));
    assertEquals(1, counters().getLong("announces"));
    // only the liker can undo, and twice changes nothing more
    deliver("Undo", URI.create("https://paris.example/actors/f"), "https://lyon.example/likes/1",
        "https://paris.example/undo/1");
    assertEquals(2, counters().getLong("likes"));
    JsonObject like = new JsonObject().put("id", "https://lyon.example/likes/1").put("type", "Like")
        .put("object", objectUrl);
    deliver("Undo", REMOTE, like, "https://lyon.example/undo/1");
    deliver("Undo", REMOTE, like, "https://lyon.example/undo/1");
    assertEquals(1, counters().getLong("likes"));
  }

  @Test
  void blockingADomainDeletesTheReplyAndFeedsTheInboxPolicy() {
    deliver("Create", REMOTE, note("https://lyon.example/notes/7", REMOTE, "spam"), "https://lyon.example/activities/7");
    String ref = h.send(GET, "/api/collectives/grenoble/moderation/replies", EDITOR, null).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getString("ref");
    assertEquals(422, h.send(POST, "/api/collectives/grenoble/moderation/replies/" + ref + "/block", EDITOR,
        new JsonObject().put("scope", "planet")).statusCode());
    assertEquals(200, h.send(POST, "/api/collectives/grenoble/moderation/replies/" + ref + "/block", EDITOR,
        new JsonObject().put("scope", "domain")).statusCode());
    assertEquals(0, counters().getLong("replies"));
    BlockInboxPolicy policy = new BlockInboxPolicy(h.publishing.blocks);
    assertTrue(policy.blocksDomain("lyon.example"));
    assertFalse(policy.blocksDomain("paris.example"));
    deliver("Create", REMOTE, note("https://lyon.example/notes/8", REMOTE, "again"), "https://lyon.example/activities/8");
    deliver("Like", REMOTE, objectUrl, "https://lyon.example/likes/8");
    assertEquals(0, counters().getLong("replies"));
    assertEquals(0, counters().getLong("likes"));
    assertEquals(404, h.send(DELETE, "/api/collectives/grenoble/moderation/replies/" + ref, EDITOR, null).statusCode());
  }
}
