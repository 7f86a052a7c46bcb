package org.coordo.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.coordo.federation.FollowState;
import org.coordo.federation.testkit.Await;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The national node seen from an independent peer: the Fedify peer follows the national group (approved
 * by its admin), the national group follows a city, and the city's publications reach the peer as the
 * national group's re-announces, which Fedify parses strictly (fetching the city's object). When the
 * peer's NodeInfo says Lemmy, the national group's follow of it is refused with the reason (422).
 */
class FedifyNationalIT {
  @RegisterExtension static final SharedFedifyPeer PEER = new SharedFedifyPeer();
  @TempDir Path cityDir;
  @TempDir Path nationalDir;
  FedifyPeer peer;
  FederatedTestNode city;
  FederatedTestNode national;

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {city, national}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  void peerFollowingTheNationalGroupGetsItsReannouncesOfCityPublications() {
    peer = PEER.peer();
    city = FederatedTestNode.city(cityDir);
    national = FederatedTestNode.national(nationalDir, "events-and-calls");
    String editor = city.collectiveWithEditor("grenoble", "Grenoble", "alice");
    String admin = national.admin("root");
    String nationalGroup = national.base + "/actors/national";

    national.json("POST", "/api/admin/national/follows", admin,
        new JsonObject().put("target", city.handle("grenoble")), 200);
    Await.until("national follows grenoble", () -> Await.result(national.federation().internals().worker().executeBlocking(
            () -> national.federation().internals().follows().findFollowing("national", city.actor("grenoble")), false))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));

    JsonObject national0 = peer.control("lookup", new JsonObject().put("target", national.handle("national")))
        .getJsonObject("parsed");
    assertEquals("Group", national0.getString("type"));
    peer.control("follow", new JsonObject().put("target", nationalGroup));
    URI peerActor = URI.create(peer.actor());
    Await.until("the peer's follow reached the national node", () -> Await.result(national.federation().internals().worker()
        .executeBlocking(() -> national.federation().internals().follows().findFollower("national", peerActor), false))
        .isPresent());
    // the national group is open to followers (issue 17): its Accept comes without an admin
    peer.awaitReceived("the national group's Accept", a -> "Accept".equals(a.getString("type"))
        && nationalGroup.equals(a.getString("actor")));

    String event = city.json("POST", "/api/collectives/grenoble/events", editor, new JsonObject()
        .put("title", "Manif nationale").put("timezone", "Europe/Paris").put("startTime", "2030-05-01T10:00")
        .put("endTime", "2030-05-01T13:00").put("content", "Tout le monde dans la rue.")
        .put("location", new JsonObject().put("name", "Place Grenette")).put("publish", true), 201).getString("url");
    JsonObject announce = peer.awaitReceived("the national re-announce of grenoble's event",
        a -> nationalGroup.equals(a.getString("actor")) && a.getJsonObject("publication") != null
            && event.equals(a.getJsonObject("publication").getString("id")));
    assertEquals("Announce", announce.getString("type"));
    JsonObject parsed = announce.getJsonObject("publication");
    assertEquals("Event", parsed.getString("type"));
    assertEquals("2030-05-01T08:00:00Z", parsed.getString("startTime"));
    assertEquals("2030-05-01T11:00:00Z", parsed.getString("endTime"));

    // a peer whose NodeInfo says Lemmy: the national group (a Group) may not follow it, and is told why
    peer.software("lemmy");
    var refused = national.send("POST", "/api/admin/national/follows", admin,
        new JsonObject().put("target", peer.handle()));
    assertEquals(422, refused.statusCode(), refused.body());
    String error = new JsonObject(refused.body()).getString("error");
    assertTrue(error.startsWith("Lemmy n'accepte") && error.contains("LemmyNet/lemmy#5354"), error);
    assertTrue(Await.result(national.federation().internals().following().list("national")).stream()
        .noneMatch(f -> f.actorId().toString().equals(peer.actor())), "nothing stored, nothing sent");
    TestNodes.waitUntil(Duration.ofSeconds(1), "no refusal in the peer's inbox", () -> peer.list("inbox-log").stream()
        .map(JsonObject.class::cast).allMatch(e -> e.getInteger("status") < 300));
  }
}
