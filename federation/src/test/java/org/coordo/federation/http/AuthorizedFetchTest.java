package org.coordo.federation.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Authorized-fetch mode: signed GETs only, except the instance actor and discovery. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizedFetchTest {
  static final String AS_ACCEPT = "application/activity+json";

  TestNodes.Node node;
  WebClient client;
  String base;
  LocalActor signer;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dir) {
    node = TestNodes.start(vertx, dir, url -> {
      FederationConfig t = FederationConfig.forTests(url);
      return new FederationConfig(t.publicUrl(), t.allowPrivateAddresses(), true, t.maxBodyBytes(),
          t.signatureWindow(), t.softwareVersion(), t.nodeName(), t.nodeMetadata());
    });
    base = node.base();
    client = WebClient.create(vertx);
    Await.result(node.federation().internals().actors().create("grenoble", ActorType.Group, "Grenoble", null, false));
    signer = Await.result(node.federation().internals().actors().create("signer", ActorType.Person, null, null, false));
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (node != null) {
      node.close();
    }
  }

  HttpResponse<Buffer> get(String path, Map<String, String> headers) {
    var request = client.getAbs(base + path).putHeader("Accept", AS_ACCEPT);
    headers.forEach(request::putHeader);
    return Await.result(request.send());
  }

  Map<String, String> signed(String path, String keyId, PrivateKey key, Clock clock) {
    return new CavageSigner(keyId, key, clock).sign("GET", URI.create(base + path), null);
  }

  Map<String, String> signedBySigner(String path) {
    return signed(path, base + "/actors/signer#main-key", ActorKeys.privateKeyFromPem(signer.privateKeyPem()),
        Clock.systemUTC());
  }

  static void assert401(HttpResponse<Buffer> r) {
    assertEquals(401, r.statusCode(), r.bodyAsString());
    assertEquals(401, r.bodyAsJsonObject().getInteger("status"));
    assertTrue(r.bodyAsJsonObject().getString("error").length() > 0);
  }

  @Test
  void unsignedGetsOfActorsCollectionsAndActivitiesAreRefused() {
    HttpResponse<Buffer> r = get("/actors/grenoble", Map.of());
    assert401(r);
    assertTrue(r.bodyAsJsonObject().getString("error").contains("signed"), r.bodyAsString());
    assert401(get("/actors/grenoble/followers", Map.of()));
    assert401(get("/actors/grenoble/outbox?page=true", Map.of()));
    assert401(get("/activities/anything", Map.of()));
  }

  @Test
  void instanceActorAndDiscoveryStayOpen() {
    assertEquals(200, get("/actor", Map.of()).statusCode());
    assertEquals(200, get("/.well-known/webfinger?resource=acct:grenoble@" + URI.create(base).getAuthority(),
        Map.of()).statusCode());
    assertEquals(200, get("/.well-known/nodeinfo", Map.of()).statusCode());
    assertEquals(200, get("/nodeinfo/2.1", Map.of()).statusCode());
  }

  @Test
  void aValidCavageSignatureIsAccepted() {
    HttpResponse<Buffer> r = get("/actors/grenoble", signedBySigner("/actors/grenoble"));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    assertEquals(base + "/actors/grenoble", r.bodyAsJsonObject().getString("id"));
    HttpResponse<Buffer> page = get("/actors/grenoble/followers?page=true", signedBySigner("/actors/grenoble/followers?page=true"));
    assertEquals(200, page.statusCode(), page.bodyAsString());
    assertEquals("OrderedCollectionPage", page.bodyAsJsonObject().getString("type"));
  }

  @Test
  void badSignaturesAreRefusedWithTheReason() {
    // signed for another path: the (request-target) does not match
    assert401(get("/actors/grenoble", signedBySigner("/actors/signer")));
    // the signer's key id, but another key
    assert401(get("/actors/grenoble",
        signed("/actors/grenoble", base + "/actors/signer#main-key", ActorKeys.generate().getPrivate(), Clock.systemUTC())));
    // an unknown local key
    assert401(get("/actors/grenoble", signed("/actors/grenoble", base + "/actors/nobody#main-key",
        ActorKeys.privateKeyFromPem(signer.privateKeyPem()), Clock.systemUTC())));
    // a date far outside the window
    Clock old = Clock.fixed(Instant.now().minus(Duration.ofHours(6)), ZoneOffset.UTC);
    HttpResponse<Buffer> stale = get("/actors/grenoble", signed("/actors/grenoble", base + "/actors/signer#main-key",
        ActorKeys.privateKeyFromPem(signer.privateKeyPem()), old));
    assert401(stale);
    // garbage
    assert401(get("/actors/grenoble", Map.of("Signature", "nonsense")));
  }

  @Test
  void twoSecureNodesFetchEachOtherThroughTheirInstanceActors(Vertx vertx, @TempDir Path otherDir) {
    TestNodes.Node other = TestNodes.start(vertx, otherDir, url -> {
      FederationConfig t = FederationConfig.forTests(url);
      return new FederationConfig(t.publicUrl(), t.allowPrivateAddresses(), true, t.maxBodyBytes(),
          t.signatureWindow(), t.softwareVersion(), t.nodeName(), t.nodeMetadata());
    });
    try {
      // other signs its GET with its instance actor; this node verifies by fetching other's /actor,
      // which is served unsigned, so the mutual fetches end.
      var remote = Await.result(other.federation().internals().remoteActors().resolve(URI.create(base + "/actors/grenoble"), false));
      assertEquals("grenoble", remote.preferredUsername());
      assertEquals(URI.create(base + "/actors/grenoble/inbox"), remote.inbox());
      assertEquals(URI.create(base + "/inbox"), remote.sharedInbox());
    } finally {
      other.close();
    }
  }

  @Test
  void browsersStillReachTheHtmlPage() {
    HttpResponse<Buffer> r = Await.result(client.getAbs(base + "/actors/grenoble").putHeader("Accept", "text/html").send());
    assertEquals(200, r.statusCode());
    assertTrue(r.getHeader("Content-Type").startsWith("text/html"));
  }
}
