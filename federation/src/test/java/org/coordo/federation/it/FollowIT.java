package org.coordo.federation.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.coordo.federation.ActorType;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.Following;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real nodes on loopback: following out, Accept, manual approval, Undo. */
class FollowIT {
  @TempDir Path dirA;
  @TempDir Path dirB;
  Vertx vertx;
  TestNode a;
  TestNode b;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    a = TestNode.start(vertx, dirA);
    b = TestNode.start(vertx, dirB);
    a.createActor("lyon", ActorType.Group, false);
    b.createActor("grenoble", ActorType.Group, false);
    b.createActor("paris", ActorType.Group, true);
  }

  @AfterEach
  void tearDown() {
    a.close();
    b.close();
    Await.result(vertx.close());
  }

  static Optional<Following> following(TestNode node, String local, URI remote) {
    return Await.result(node.federation().internals().worker().executeBlocking(
        () -> node.federation().internals().follows().findFollowing(local, remote), false));
  }

  static Optional<Follower> follower(TestNode node, String local, URI remote) {
    return Await.result(node.federation().internals().worker().executeBlocking(
        () -> node.federation().internals().follows().findFollower(local, remote), false));
  }

  @Test
  void groupFollowsGroupByHandleAndIsAccepted() {
    Following sent = Await.result(a.federation().internals().following().follow("lyon", b.handle("grenoble")));
    assertEquals(FollowState.PENDING, sent.state());
    assertEquals(b.actorId("grenoble"), sent.actorId());

    Await.until("B stores A as an accepted follower",
        () -> follower(b, "grenoble", a.actorId("lyon")).filter(Follower::accepted).isPresent());
    Await.until("A's follow is accepted",
        () -> following(a, "lyon", b.actorId("grenoble")).map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
    assertEquals(1, Await.result(a.federation().internals().following().list("lyon")).size());
  }

  @Test
  void manuallyApprovingGroupKeepsTheFollowPendingUntilApproved() {
    Await.result(a.federation().internals().following().follow("lyon", "paris@" + b.authority()));
    Await.until("B stores a pending follower",
        () -> follower(b, "paris", a.actorId("lyon")).map(f -> f.state() == FollowState.PENDING).orElse(false));
    assertEquals(FollowState.PENDING, following(a, "lyon", b.actorId("paris")).orElseThrow().state());

    Await.result(b.federation().internals().approveFollower("paris", a.actorId("lyon")));
    Await.until("A's follow is accepted after approval",
        () -> following(a, "lyon", b.actorId("paris")).map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
  }

  @Test
  void undoFollowRemovesTheFollower() {
    Await.result(a.federation().internals().following().follow("lyon", b.actorId("grenoble").toString()));
    Await.until("accepted",
        () -> following(a, "lyon", b.actorId("grenoble")).map(f -> f.state() == FollowState.ACCEPTED).orElse(false));

    Await.result(a.federation().internals().following().unfollow("lyon", b.handle("grenoble")));
    assertTrue(following(a, "lyon", b.actorId("grenoble")).isEmpty(), "removed on A at once");
    Await.until("B no longer lists A as a follower", () -> follower(b, "grenoble", a.actorId("lyon")).isEmpty());
  }

  @Test
  void aGroupFollowingALemmyCommunityIsRefusedBeforeAnythingIsSentAndAPersonMayFollow() {
    // b plays a Lemmy instance: its NodeInfo names the software "lemmy", its community is a Group
    b.createActor("climat", ActorType.Group, false);
    b.router().get("/.well-known/nodeinfo").order(-1000).handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject()
        .put("links", new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
            .put("rel", "http://nodeinfo.diaspora.software/ns/schema/2.1").put("href", b.url() + "/lemmy-nodeinfo")))));
    b.router().get("/lemmy-nodeinfo").order(-1000).handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject()
        .put("version", "2.1").put("software", new io.vertx.core.json.JsonObject().put("name", "Lemmy")
            .put("version", "0.19.9"))));

    Throwable refused = Await.failure(a.federation().internals().following().follow("lyon", b.handle("climat")));
    assertTrue(refused instanceof org.coordo.federation.FederationException, String.valueOf(refused));
    org.coordo.federation.FederationException e = (org.coordo.federation.FederationException) refused;
    assertEquals(422, e.status());
    assertTrue(e.safeMessage().contains("LemmyNet/lemmy#5354") && e.safeMessage().contains("Person"), e.safeMessage());
    assertTrue(following(a, "lyon", b.actorId("climat")).isEmpty(), "nothing stored, nothing sent");

    a.createActor("louise", ActorType.Person, false);
    Await.result(a.federation().internals().following().follow("louise", b.handle("climat")));
    Await.until("a Person's follow of the community is accepted", () -> following(a, "louise", b.actorId("climat"))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
  }

  @Test
  void theFollowCheckReadsNodeInfoAfreshAndRemembersItWhereDeliveryFormsReadIt() {
    // b first runs Coordo: lyon's follow of grenoble goes through, and a remembers b's software
    Await.result(a.federation().internals().following().follow("lyon", b.handle("grenoble")));
    String host = org.coordo.federation.host.Hosts.of(b.actorId("grenoble"));
    assertEquals("coordo", a.federation().internals().hostProfiles().find(host).orElseThrow().software());
    assertEquals(org.coordo.federation.host.SoftwareFamily.GROUP_AWARE,
        a.federation().internals().hostProfiles().find(host).orElseThrow().family(), "the family delivery forms use");

    // then b says it runs Lemmy: the remembered "coordo" (fresh for a week) does not let the next follow through
    b.createActor("climat", ActorType.Group, false);
    b.router().get("/nodeinfo/2.1").order(-1000).handler(ctx -> ctx.json(new io.vertx.core.json.JsonObject()
        .put("version", "2.1").put("software", new io.vertx.core.json.JsonObject().put("name", "lemmy")
            .put("version", "0.19.9"))));
    Throwable refused = Await.failure(a.federation().internals().following().follow("lyon", b.handle("climat")));
    assertEquals(422, ((org.coordo.federation.FederationException) refused).status(), String.valueOf(refused));
    assertEquals("lemmy", a.federation().internals().hostProfiles().find(host).orElseThrow().software(),
        "the fresh read is remembered for delivery forms too");
  }
}
