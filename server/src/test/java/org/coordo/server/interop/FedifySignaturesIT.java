package org.coordo.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.coordo.federation.host.HostProfile;
import org.coordo.federation.host.Hosts;
import org.coordo.federation.sig.SignatureKnock.Knock;
import org.coordo.federation.testkit.Await;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both HTTP signature schemes, both ways, between a city node and a Fedify peer. Inbound: the peer signs
 * only draft-cavage, then only RFC 9421 (no double-knock fallback allowed), and Coordo verifies each.
 * Outbound: the peer's inbox accepts one scheme only, and Fedify verifies what Coordo signed: RFC 9421 at the
 * first knock, draft-cavage after the double knock (RFC 9421 refused), then at once (remembered per host).
 */
class FedifySignaturesIT {
  @RegisterExtension static final SharedFedifyPeer PEER = new SharedFedifyPeer();
  static final String CAVAGE = "draft-cavage-http-signatures-12";
  static final String RFC9421 = "rfc9421";

  @TempDir static Path dir;
  static FedifyPeer peer;
  static FederatedTestNode city;
  static String editor;

  @BeforeAll
  static void start() {
    peer = PEER.peer();
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
  void aPeerAcceptingOnlyRfc9421VerifiesCoordosFirstKnockWithoutAnyFallback() {
    forgetHowThePeerVerifies();
    peer.config(null, "rfc9421");
    int before = inboxLog().size();
    follow("nantes");
    awaitLogged(before, 1);
    awaitRemembered(Knock.RFC9421);
    String call = publishCall("nantes", "Signé RFC 9421.");
    awaitLogged(before, 4);
    List<JsonObject> log = inboxLog().stream().skip(before).toList();
    assertTrue(log.size() >= 4, String.valueOf(log));
    assertTrue(log.stream().allMatch(e -> "rfc9421".equals(e.getString("scheme")) && e.getInteger("status") == 202),
        "every delivery (the Accept, " + call + ") signed RFC 9421 at the first knock and verified by Fedify: " + log);
    peer.config(null, "any");
  }

  @Test
  void aPeerAcceptingOnlyDraftCavageGetsCoordosDeliveriesAfterTheDoubleKnockWhichIsRemembered() {
    forgetHowThePeerVerifies();
    peer.config(null, "draft-cavage");
    int before = inboxLog().size();
    follow("lille");
    awaitLogged(before, 1);
    // the Accept: RFC 9421 first, refused, then draft-cavage, verified by Fedify
    List<JsonObject> accept = inboxLog().stream().skip(before).toList();
    assertEquals(List.of("rfc9421 401", "draft-cavage 202"),
        accept.stream().map(e -> e.getString("scheme") + " " + e.getInteger("status")).toList());
    awaitRemembered(Knock.CAVAGE);
    // then the publication: draft-cavage at the first knock
    String call = publishCall("lille", "Signé draft-cavage.");
    awaitLogged(before, 4);
    List<JsonObject> log = inboxLog().stream().skip(before + 2).toList();
    assertTrue(log.size() >= 3, String.valueOf(log));
    assertTrue(log.stream().allMatch(e -> "draft-cavage".equals(e.getString("scheme"))
        && e.getInteger("status") == 202), "one knock per host, not per delivery, for " + call + ": " + log);
    peer.config(null, "any");
  }

  /** The peer follows {@code collective} and gets its {@code Accept}. */
  private static void follow(String collective) {
    String group = city.base + "/actors/" + collective;
    peer.control("follow", new JsonObject().put("target", group));
    peer.awaitReceived(collective + "'s Accept", a -> "Accept".equals(a.getString("type"))
        && group.equals(a.getString("actor")));
  }

  /**
   * Publishes a call and waits until the peer received every form of it (the peer claims the software "fedify",
   * unclassified by Coordo's delivery forms); answers the call's id.
   */
  private static String publishCall(String collective, String content) {
    String token = Await.result(city.accounts().sessions().createToken("editor-" + collective, "test")).token();
    String call = city.json("POST", "/api/collectives/" + collective + "/calls", token, new JsonObject()
        .put("title", "Appel").put("content", content).put("publish", true), 201).getString("url");
    for (String form : List.of("Create", "Announce/Create", "Announce")) {
      peer.awaitReceived(collective + "'s call as " + form, a -> a.getJsonObject("publication") != null
          && call.equals(a.getJsonObject("publication").getString("id"))
          && form.equals(String.join("/", a.getJsonArray("chain").stream().map(String::valueOf).toList()
              .subList(0, a.getJsonArray("chain").size() - 1))));
    }
    return call;
  }

  /** Waits until the peer's inbox log shows {@code accepted} accepted POSTs since entry {@code from}. */
  private static void awaitLogged(int from, int accepted) {
    TestNodes.waitUntil(Duration.ofSeconds(10), accepted + " accepted POSTs in the peer's inbox log", () -> inboxLog()
        .stream().skip(from).filter(e -> e.getInteger("status") == 202).count() >= accepted);
  }

  private static void awaitRemembered(Knock knock) {
    TestNodes.waitUntil(Duration.ofSeconds(10), "the city remembers the peer verifies " + knock,
        () -> knock.equals(city.federation().internals().hostProfiles().find(peerHost()).map(HostProfile::knock).orElse(null)));
  }

  /** Each outbound test starts as with a host never delivered to: no remembered signature scheme. */
  private static void forgetHowThePeerVerifies() {
    Await.result(city.federation().internals().worker().executeBlocking(
        () -> city.federation().internals().hostProfiles().update(peerHost(), p -> p.withKnock(null)), false));
  }

  private static String peerHost() {
    return Hosts.of(URI.create(peer.base));
  }

  private static List<JsonObject> inboxLog() {
    return peer.list("inbox-log").stream().map(JsonObject.class::cast).toList();
  }
}
