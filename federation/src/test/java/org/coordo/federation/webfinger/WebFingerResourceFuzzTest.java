package org.coordo.federation.webfinger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for the {@code resource} parameter of {@code /.well-known/webfinger} ({@link
 * WebFinger#localName}), on a node whose authority has a port (as in development) and on one without.
 * Seeds and regressions: {@code src/test/resources/org/coordo/federation/webfinger/WebFingerResourceFuzzTestInputs/}.
 * See docs/FUZZING.md.
 */
class WebFingerResourceFuzzTest {
  private record Node(FederationConfig config, Uris uris, WebFinger webFinger) {}

  private static final Node[] NODES = {node("https://grenoble.example"), node("http://127.0.0.1:8081")};

  /**
   * Only a {@link FederationException} with 400 or 404 escapes; a resource names a valid local actor name,
   * which both {@code acct:name@authority} and the actor's URL resolve to again.
   */
  @FuzzTest
  @Timeout(5)
  void resource(byte[] data) {
    String resource = new String(data, StandardCharsets.UTF_8);
    for (Node node : NODES) {
      WebFinger webFinger = node.webFinger();
      String name;
      try {
        name = webFinger.localName(resource);
      } catch (FederationException e) {
        assertTrue(e.status() == 400 || e.status() == 404, e.status() + " " + e.getMessage());
        continue;
      }
      assertTrue(Uris.isValidActorName(name) || Uris.INSTANCE_ACTOR_NAME.equals(name), name);
      Uris uris = node.uris();
      if (!Uris.INSTANCE_ACTOR_NAME.equals(name)) {
        assertEquals(name, webFinger.localName("acct:" + name + "@" + node.config().authority()));
        assertEquals(name, webFinger.localName(uris.actor(name).toString()));
      } else {
        assertEquals(name, webFinger.localName(uris.instanceActor().toString()));
      }
    }
  }

  private static Node node(String publicUrl) {
    URI url = URI.create(publicUrl);
    FederationConfig config = FederationConfig.forTests(url);
    Uris uris = new Uris(url);
    return new Node(config, uris, new WebFinger(config, uris, null, null));
  }
}
