package org.coordo.server.api.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.coordo.federation.FollowState;
import org.coordo.federation.testkit.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured city that is down when the national node starts is followed once it is up. */
class NationalFollowRetryIT {
  @TempDir Path nDir;
  @TempDir Path gDir;

  @Test
  void configuredFollowsThatFailedAreAskedAgain() {
    int cityPort = FederatedTestNode.freePort();
    try (FederatedTestNode national = FederatedTestNode.national(nDir,
        Map.of("COORDO_NATIONAL_FOLLOW", "@grenoble@127.0.0.1:" + cityPort))) {
      var service = national.node.services().national();
      Await.until("the first follow failed", () -> Await.result(service.follows()).isEmpty()
          && Await.result(service.retryFailedFollows()) == 1);
      try (FederatedTestNode city = FederatedTestNode.city(gDir, cityPort)) {
        city.collectiveWithEditor("grenoble", "Grenoble", "alice");
        assertEquals(1, Await.result(service.retryFailedFollows()));
        Await.until("the national group follows grenoble", () -> Await.result(service.follows()).stream()
            .anyMatch(f -> f.state() == FollowState.ACCEPTED));
        assertEquals(0, Await.result(service.retryFailedFollows()), "nothing left to retry");
      }
    }
  }
}
