package org.coordo.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.coordo.federation.testkit.Await;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both HTTP signature schemes, both ways, between a city node and a Fedify peer. Inbound: the peer signs
 * only draft-cavage, then only RFC 9421 (no double-knock fallback allowed), and Coordo verifies each.
 * Outbound: the peer's inbox accepts one scheme only, and Fedify verifies what Coordo signed.
 */
class FedifySignaturesIT {
  static final String CAVAGE = "draft-cavage-http-signatures-12";
  static final String RFC9421 = "rfc9421";

  @TempDir static Path dir;
  static FedifyPeer peer;
  static FederatedTestNode city;
  static String editor;

  @BeforeAll
  static void start() {
    assumeTrue(FedifyPeer.available(), "node and npm are not installed: the Fedify conformance suite is skipped");
    peer = FedifyPeer.start();
    city = FederatedTestNode.city(dir);
    editor = city.collectiveWithEditor("grenoble", "Grenoble", "alice");
    for (String name : List.of("lyon", "lille", "nantes")) {
      city.collectiveWithEditor(name, name, "editor-" + name);
    }
  }

  @AfterAll
  static void stop() {
    if (city != null) {
      city.close();
    }
    if (peer != null) {
      peer.close();
    }
  }

  @Test
  void coordoVerifiesDraftCavageAndRfc9421FromFedifyWithoutFallback() {
    for (String scheme : List.of(CAVAGE, RFC9421)) {
      String collective = scheme.equals(CAVAGE) ? "grenoble" : "lyon";
      String group = city.base + "/actors/" + collective;
      peer.config(scheme, "any");
      int before = peer.list("outbound").size();
      peer.control("follow", new JsonObject().put("target", group));
      peer.awaitReceived("the Accept of the " + scheme + "-signed Follow",
          a -> "Accept".equals(a.getString("type")) && group.equals(a.getString("actor")));
      List<JsonObject> sent = peer.list("outbound").stream().skip(before).map(JsonObject.class::cast)
          .filter(o -> o.getString("url").startsWith(city.base)).toList();
      assertFalse(sent.isEmpty());
      for (JsonObject post : sent) {
        assertEquals(scheme.equals(CAVAGE) ? "draft-cavage" : "rfc9421", post.getString("scheme"),
            "signed with the forced scheme only: " + sent);
        assertEquals(202, post.getInteger("status"), "Coordo accepted the " + scheme + " signature: " + sent);
      }
    }
    peer.config(null, "any");
  }

  @Test
  void fedifyVerifiesCoordosDraftCavageSignatureWhenItAcceptsOnlyThatScheme() {
    peer.config(null, "draft-cavage");
    String group = city.base + "/actors/lille";
    int before = inboxLog().size();
    peer.control("follow", new JsonObject().put("target", group));
    peer.awaitReceived("lille's Accept, draft-cavage signed", a -> "Accept".equals(a.getString("type"))
        && group.equals(a.getString("actor")));
    String token = Await.result(city.accounts().sessions().createToken("editor-lille", "test")).token();
    String call = city.json("POST", "/api/collectives/lille/calls", token, new JsonObject().put("title", "Appel")
        .put("content", "Signé draft-cavage.").put("publish", true), 201).getString("url");
    peer.awaitReceived("lille's call, draft-cavage signed", a -> a.getJsonObject("publication") != null
        && call.equals(a.getJsonObject("publication").getString("id")));
    List<JsonObject> log = inboxLog().stream().skip(before).toList();
    assertTrue(log.stream().allMatch(e -> "draft-cavage".equals(e.getString("scheme"))
        && e.getInteger("status") == 202), "every delivery signed draft-cavage and verified by Fedify: " + log);
    peer.config(null, "any");
  }

  /**
   * CURRENT BEHAVIOUR, to flip once outbound RFC 9421 (double-knock, branch fanout) is merged: Coordo
   * signs draft-cavage only, so a peer that accepts RFC 9421 only refuses its {@code Accept} with 401
   * and Coordo, taking a 401 as final, does not retry. After the merge this test must instead expect
   * the Accept to arrive signed with RFC 9421 (see the commented assertions).
   */
  @Test
  void aPeerAcceptingOnlyRfc9421RefusesCoordosDraftCavageForNow() {
    peer.config(null, "rfc9421");
    String group = city.base + "/actors/nantes";
    int before = inboxLog().size();
    peer.control("follow", new JsonObject().put("target", group));
    TestNodes.waitUntil(Duration.ofSeconds(20), "nantes tried to deliver its Accept", () -> inboxLog().stream()
        .skip(before).anyMatch(e -> e.getInteger("status") == 401));
    List<JsonObject> tries = inboxLog().stream().skip(before).toList();
    assertTrue(tries.stream().allMatch(e -> "draft-cavage".equals(e.getString("scheme"))), String.valueOf(tries));
    assertTrue(peer.received().stream().noneMatch(a -> "Accept".equals(a.getString("type"))
        && group.equals(a.getString("actor"))));
    // after the fanout merge:
    // peer.awaitReceived("nantes' Accept, RFC 9421 signed", a -> "Accept".equals(a.getString("type"))
    //     && group.equals(a.getString("actor")));
    // assertTrue(inboxLog().stream().skip(before).anyMatch(e -> "rfc9421".equals(e.getString("scheme"))
    //     && e.getInteger("status") == 202));
    peer.config(null, "any");
  }

  private static List<JsonObject> inboxLog() {
    return peer.list("inbox-log").stream().map(JsonObject.class::cast).toList();
  }
}
