package org.coordo.federation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.coordo.federation.ActorType;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.host.SoftwareFamily;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.federation.testkit.SinkServer;
import org.coordo.federation.testkit.TestNode;
import org.coordo.federation.vocab.As;
import org.coordo.storage.Durability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group's publication (its Create, the FEP-1b12 Announce of the Create, the plain Announce of the object) reaches
 * each follower server once, in the form its software (NodeInfo) understands: a Mastodon server the boost, a Lemmy
 * server the wrapped Create, a server without NodeInfo all three, another Coordo node the wrapped Create.
 */
class DeliveryFormsIT {
  @TempDir Path dirA;
  @TempDir Path dirB;
  Vertx vertx;
  TestNode a;
  SinkServer mastodon;
  SinkServer lemmy;
  SinkServer unknown;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    a = TestNode.start(vertx, dirA);
    a.createActor("grenoble", ActorType.Group, false);
    mastodon = SinkServer.start(vertx, Clock.systemUTC()).nodeInfo("mastodon");
    lemmy = SinkServer.start(vertx, Clock.systemUTC()).nodeInfo("Lemmy");
    unknown = SinkServer.start(vertx, Clock.systemUTC()); // NodeInfo answers 202 without a body: unreadable
    for (SinkServer s : List.of(mastodon, lemmy, unknown)) {
      follower(s, "a");
      follower(s, "b");
    }
  }

  @AfterEach
  void tearDown() {
    a.close();
    for (SinkServer s : List.of(mastodon, lemmy, unknown)) {
      s.close();
    }
    Await.result(vertx.close());
  }

  private void follower(SinkServer at, String name) {
    URI actor = at.url("/users/" + name);
    a.federation().internals().follows().write(b -> a.federation().internals().follows().putFollower(b, new Follower("grenoble", actor,
        FollowState.ACCEPTED, actor + "#follow", Clock.systemUTC().instant(), at.url("/users/" + name + "/inbox"),
        at.url("/inbox"))), Durability.SYNC);
  }

  /** The three activities PublicationService sends for a new publication, as one change. */
  private List<URI> publishGroupPost(String n) {
    String followers = a.uris().followers("grenoble").toString();
    String objectId = a.url() + "/objects/" + n;
    String createId = a.uris().activity("create-" + n).toString();
    JsonObject create = new JsonObject().put("id", createId).put("type", "Create")
        .put("actor", a.actorId("grenoble").toString())
        .put("to", new JsonArray().add(As.PUBLIC)).put("cc", new JsonArray().add(followers))
        .put("object", new JsonObject().put("id", objectId).put("type", "Article").put("name", "Appel " + n)
            .put("attributedTo", a.actorId("grenoble").toString()));
    JsonObject wrapped = new JsonObject().put("type", "Announce").put("object", create.copy())
        .put("to", new JsonArray().add(As.PUBLIC)).put("cc", new JsonArray().add(followers));
    JsonObject boost = new JsonObject().put("type", "Announce").put("object", objectId)
        .put("to", new JsonArray().add(As.PUBLIC)).put("cc", new JsonArray().add(followers));
    return Await.result(a.federation().internals().publisher().publishAll("grenoble", List.of(create, wrapped, boost), b -> {}));
  }

  private long queued() {
    return Await.result(a.federation().internals().delivery().stats()).queued();
  }

  @Test
  void eachFollowerServerGetsTheFormItsSoftwareUnderstands() {
    List<URI> ids = publishGroupPost("1");
    Await.until("all delivered", () -> queued() == 0 && unknown.posts().size() == 3);

    assertEquals(1, mastodon.posts().size(), "one activity for the Mastodon server (one shared inbox)");
    JsonObject boost = mastodon.posts().get(0).body();
    assertEquals(ids.get(2).toString(), boost.getString("id"));
    assertEquals("Announce", boost.getString("type"));
    assertTrue(boost.getValue("object") instanceof String, "the plain boost of the object URI");

    assertEquals(1, lemmy.posts().size(), "one activity for the Lemmy server");
    JsonObject wrapped = lemmy.posts().get(0).body();
    assertEquals(ids.get(1).toString(), wrapped.getString("id"));
    assertEquals("Create", wrapped.getJsonObject("object").getString("type"), "FEP-1b12: the Create, announced");

    assertEquals(ids.stream().map(URI::toString).toList(),
        unknown.posts().stream().map(SinkServer.Received::activityId).toList(), "unknown software: the complete set");

    assertEquals(SoftwareFamily.MICROBLOG, a.federation().internals().hostProfiles().find(mastodon.host()).orElseThrow().family());
    assertEquals(SoftwareFamily.GROUP_AWARE, a.federation().internals().hostProfiles().find(lemmy.host()).orElseThrow().family());
    assertTrue(a.federation().internals().hostProfiles().find(unknown.host()).orElseThrow().softwareFailed());
  }

  @Test
  void theSoftwareIsLookedUpOnceAndRememberedAcrossARestart() {
    publishGroupPost("1");
    Await.until("first delivered", () -> queued() == 0 && mastodon.posts().size() == 1);
    a.restart();
    mastodon.document("/.well-known/nodeinfo", new JsonObject()); // a second lookup would find nothing
    publishGroupPost("2");
    Await.until("second delivered", () -> queued() == 0 && mastodon.posts().size() == 2);
    assertEquals("Announce", mastodon.posts().get(1).body().getString("type"),
        "the remembered software decides, no new NodeInfo lookup within a week");
  }

  @Test
  void anotherCoordoNodeGetsTheWrappedCreateOnly() {
    TestNode b = TestNode.start(vertx, dirB);
    try {
      b.createActor("lyon", ActorType.Group, false);
      RecordingListener creates = b.record("Create");
      RecordingListener announces = b.record("Announce");
      Await.result(b.federation().internals().following().follow("lyon", a.handle("grenoble")));
      Await.until("B follows A", () -> FollowIT.following(b, "lyon", a.actorId("grenoble"))
          .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
      Await.until("A looked B's software up when B's Follow arrived, before any publication", () -> a.federation().internals()
          .hostProfiles().find(b.authority()).map(p -> "coordo".equals(p.software())).orElse(false));
      List<URI> ids = publishGroupPost("1");
      Await.until("B got the announce", () -> announces.received().size() == 1 && queued() == 0);
      assertEquals(ids.get(1).toString(), announces.received().get(0).activity().getString("id"));
      assertEquals(0, creates.received().size(), "no separate Create: Coordo reads the FEP-1b12 form");
    } finally {
      b.close();
    }
  }
}
