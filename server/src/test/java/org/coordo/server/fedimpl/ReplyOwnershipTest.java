package org.coordo.server.fedimpl;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.coordo.federation.ActorType;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.SignedPoster;
import org.coordo.federation.testkit.TestNode;
import org.coordo.federation.vocab.As;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies to a collective's publication belong to their author, over real signed requests: node A
 * hosts "grenoble" and its call; node R is ONE remote server with two people, bob and mallory, each
 * signing with its own key. Being of bob's server gives mallory no right over bob's replies.
 */
class ReplyOwnershipTest {
  static final String EDITOR = "tok-alice";

  @TempDir Path dirA;
  @TempDir Path dirR;
  Vertx vertx;
  PublishingTestNode a;
  TestNode r;
  SignedPoster poster;
  String callUrl;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    a = new PublishingTestNode(vertx, dirA,
        Map.of(EDITOR, new Principal("u1", "alice", false, Map.of("grenoble", Role.EDITOR))), Map.of());
    a.createActor("grenoble", ActorType.Group);
    a.createActor("alice", ActorType.Person);
    r = TestNode.start(vertx, dirR);
    r.createActor("bob", ActorType.Person, false);
    r.createActor("mallory", ActorType.Person, false);
    poster = new SignedPoster(vertx);
    callUrl = a.api(POST, "/api/collectives/grenoble/calls", EDITOR, new JsonObject()
        .put("title", "Appel à la grève").put("content", "Grève le 5 mars.").put("publish", true))
        .bodyAsJsonObject().getString("url");
  }

  @AfterEach
  void tearDown() {
    poster.close();
    r.close();
    a.close();
    Await.result(vertx.close());
  }

  private String noteId(String n) {
    return r.url() + "/notes/" + n;
  }

  private JsonObject reply(String n, String author, String content) {
    return new JsonObject().put("id", noteId(n)).put("type", "Note").put("attributedTo", r.actorId(author).toString())
        .put("inReplyTo", callUrl).put("content", content)
        .put("to", new JsonArray().add(As.PUBLIC).add(a.actorId("grenoble").toString()));
  }

  /** Signed by {@code actor}'s own key, POSTed to A's shared inbox; the status (202: processed). */
  private int send(String actor, String type, Object object) {
    JsonObject activity = new JsonObject().put("id", r.url() + "/activities/" + type + "-" + System.nanoTime())
        .put("type", type).put("actor", r.actorId(actor).toString()).put("object", object)
        .put("to", new JsonArray().add(As.PUBLIC).add(a.actorId("grenoble").toString()));
    return poster.post(URI.create(a.url + "/inbox"), activity, SignedPoster.signerOf(r.federation(), actor));
  }

  /** The moderation queue: reply id → sanitised HTML. */
  private List<String> queue() {
    JsonArray items = a.api(GET, "/api/collectives/grenoble/moderation/replies", EDITOR, null).bodyAsJsonObject()
        .getJsonArray("items");
    return items.stream().map(o -> ((JsonObject) o).getString("id") + " " + ((JsonObject) o).getString("contentHtml"))
        .toList();
  }

  @Test
  void anActorCannotReplyInTheNameOfAnotherActorOfItsServer() {
    assertEquals(403, send("mallory", "Create", reply("1", "bob", "<p>signé bob</p>")));
    assertEquals(List.of(), queue());
  }

  @Test
  void anActorCannotEditTheReplyOfAnotherActorOfItsServer() {
    assertEquals(202, send("bob", "Create", reply("2", "bob", "<p>Bravo</p>")));
    assertEquals(List.of(noteId("2") + " <p>Bravo</p>"), queue());
    assertEquals(403, send("mallory", "Update", reply("2", "bob", "<p>Honte</p>")));
    assertEquals(202, send("mallory", "Update", reply("2", "mallory", "<p>Honte</p>")));
    assertEquals(List.of(noteId("2") + " <p>Bravo</p>"), queue());
    assertEquals(202, send("bob", "Update", reply("2", "bob", "<p>Bravo !</p>")));
    assertEquals(List.of(noteId("2") + " <p>Bravo !</p>"), queue(), "the author edits its own reply");
  }

  @Test
  void anActorCannotDeleteTheReplyOfAnotherActorOfItsServer() {
    assertEquals(202, send("bob", "Create", reply("3", "bob", "<p>Bravo</p>")));
    assertEquals(202, send("mallory", "Delete", new JsonObject().put("id", noteId("3")).put("type", "Tombstone")));
    assertEquals(List.of(noteId("3") + " <p>Bravo</p>"), queue());
    assertEquals(202, send("bob", "Delete", noteId("3")));
    assertEquals(List.of(), queue(), "the author deletes its own reply");
  }

  @Test
  void aDeleteByAnotherActorBeforeTheReplyDoesNotBlockIt() {
    assertEquals(202, send("mallory", "Delete", noteId("4")));
    assertEquals(202, send("bob", "Create", reply("4", "bob", "<p>Enfin</p>")));
    assertEquals(List.of(noteId("4") + " <p>Enfin</p>"), queue());
  }
}
