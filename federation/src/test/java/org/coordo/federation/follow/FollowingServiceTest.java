package org.coordo.federation.follow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.testkit.Await;
import org.junit.jupiter.api.Test;

/** How follow targets are read (the network part is covered by the multi-node tests in {@code it/}). */
class FollowingServiceTest {
  final List<String> asked = new ArrayList<>();
  final FollowingService service = new FollowingService(null, new Uris(URI.create("http://127.0.0.1:8081")),
      Clock.systemUTC(), () -> "x", null, null, null,
      (name, host) -> {
        asked.add(name + "@" + host);
        return Future.succeededFuture(URI.create("http://" + host + "/actors/" + name));
      }, null, FollowCompatibility.NONE);

  @Test
  void handlesInEveryFormGoThroughWebFinger() {
    assertEquals(URI.create("http://127.0.0.1:9000/actors/grenoble"),
        Await.result(service.actorIdOf("@grenoble@127.0.0.1:9000")));
    Await.result(service.actorIdOf("grenoble@Grenoble.Example"));
    Await.result(service.actorIdOf("acct:lyon@lyon.example"));
    assertEquals(List.of("grenoble@127.0.0.1:9000", "grenoble@grenoble.example", "lyon@lyon.example"), asked);
  }

  @Test
  void actorUrlsAreTakenAsTheyAre() {
    assertEquals(URI.create("https://masto.example/users/a"),
        Await.result(service.actorIdOf("https://masto.example/users/a")));
    assertEquals(List.of(), asked);
  }

  @Test
  void malformedAndLocalTargetsAreRefusedWith400() {
    for (String bad : List.of("", "grenoble", "@grenoble", "a@b@c", "x@", "@@host", "ftp://x/y", "http://127.0.0.1:8081/actors/me")) {
      Throwable failure = Await.failure(service.actorIdOf(bad));
      assertEquals(400, ((FederationException) failure).status(), bad);
    }
  }
}
