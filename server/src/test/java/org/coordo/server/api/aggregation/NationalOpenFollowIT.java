package org.coordo.server.api.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.coordo.federation.ActorType;
import org.coordo.federation.FederationContext;
import org.coordo.federation.FollowState;
import org.coordo.federation.LocalActor;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.TestNode;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrading a national node whose group still approves followers by hand (as every national node did
 * before issue 17): at start the group is switched to open following, and the follows that were
 * waiting are accepted (the follower, on a server that is not Coordo, gets its Accept).
 */
class NationalOpenFollowIT {
  @TempDir Path nDir;
  @TempDir Path pDir;

  @Test
  void aNationalGroupStoredAsManualIsOpenedAtStartAndWaitingFollowsAreAccepted() {
    Vertx vertx = Vertx.vertx();
    TestNode peer = TestNode.start(vertx, pDir);
    FederatedTestNode national = null;
    try {
      peer.createActor("ada", ActorType.Person, false);
      int port = FederatedTestNode.freePort();
      national = FederatedTestNode.national(nDir, port);
      URI group = national.actor("national");
      // the state an older version left: the group approves by hand, and ada's follow waits
      LocalActor a = Await.result(national.federation().context().actors().require("national"));
      Await.result(national.federation().context().actors().update(a.name(), a.displayName(), a.summary(),
          a.iconUrl(), true));
      FederationContext ada = peer.federation().context();
      Await.result(ada.follow("ada", national.handle("national")));
      FederatedTestNode running = national;
      TestNodes.waitUntil(Duration.ofSeconds(30), "ada's follow waits on the national node", () -> !Await.result(
          running.federation().context().pendingFollowers("national", 10)).isEmpty());
      assertEquals(FollowState.PENDING, Await.result(ada.findFollowing("ada", group)).orElseThrow().state());
      national.close();
      national = null;

      national = FederatedTestNode.national(nDir, port);
      assertFalse(Await.result(national.federation().context().actors().require("national")).manuallyApprovesFollowers(),
          "open to followers after the upgrade");
      TestNodes.waitUntil(Duration.ofSeconds(30), "ada's follow accepted", () -> Await.result(
          ada.findFollowing("ada", group)).map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
      assertTrue(Await.result(national.federation().context().pendingFollowers("national", 10)).isEmpty());
      assertEquals(1, Await.result(national.federation().context().followerCount("national")));
    } finally {
      if (national != null) {
        national.close();
      }
      peer.close();
      Await.result(vertx.close());
    }
  }
}
