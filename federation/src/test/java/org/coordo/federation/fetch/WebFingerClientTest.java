package org.coordo.federation.fetch;

import org.coordo.federation.FetchException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WebFingerClientTest {
  WorkerExecutor worker;
  String authority;
  final List<String> resources = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext ctx) {
    worker = vertx.createSharedWorkerExecutor("webfinger-test");
    vertx.createHttpServer().requestHandler(req -> {
      String resource = req.getParam("resource");
      resources.add(req.path() + " " + resource);
      if (!req.path().equals("/.well-known/webfinger") || !("acct:grenoble@" + authority).equals(resource)) {
        req.response().setStatusCode(404).end();
        return;
      }
      JsonObject jrd = new JsonObject().put("subject", resource).put("links", new JsonArray()
          .add(new JsonObject().put("rel", "http://webfinger.net/rel/profile-page").put("type", "text/html")
              .put("href", "http://" + authority + "/@grenoble"))
          .add(new JsonObject().put("rel", "self").put("type", "application/activity+json")
              .put("href", "http://" + authority + "/actors/grenoble")));
      req.response().putHeader("Content-Type", "application/jrd+json").end(jrd.encode());
    }).listen(0, "127.0.0.1").onComplete(ctx.succeeding(s -> {
      authority = "127.0.0.1:" + s.actualPort();
      ctx.completeNow();
    }));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  WebFingerClient client(Vertx vertx) {
    RemoteFetcher fetcher = new RemoteFetcher(vertx, new UrlGuard(worker, true),
        new CavageSigner("https://grenoble.example/actor#main-key", TestKeys.ALICE.getPrivate(), Clock.systemUTC()),
        worker, FetchOptions.DEFAULTS, RemoteFetcher.userAgent("test", URI.create("https://grenoble.example")));
    return new WebFingerClient(fetcher, true);
  }

  @Test
  void resolvesAHandleToTheActorId(Vertx vertx, VertxTestContext ctx) {
    WebFingerClient wf = client(vertx);
    wf.resolveActorId("@grenoble@" + authority)
        .compose(id -> {
          ctx.verify(() -> assertEquals(URI.create("http://" + authority + "/actors/grenoble"), id));
          return wf.resolveActorId("acct:grenoble@" + authority);
        })
        .compose(id -> wf.resolveActorId("grenoble@" + authority))
        .onComplete(ctx.succeeding(id -> ctx.verify(() -> {
          assertEquals(URI.create("http://" + authority + "/actors/grenoble"), id);
          assertEquals(3, resources.size());
          assertEquals("/.well-known/webfinger acct:grenoble@" + authority, resources.get(0));
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownAccountIsAnHttpStatusFailure(Vertx vertx, VertxTestContext ctx) {
    client(vertx).resolveActorId("nobody@" + authority)
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(404, ((FetchException) err).remoteStatus());
          ctx.completeNow();
        })));
  }

  @Test
  void parsesHandles() {
    assertEquals(new WebFingerClient.Handle("alice", "example.com"), WebFingerClient.parse("@alice@Example.com"));
    assertEquals(new WebFingerClient.Handle("alice", "example.com:8443"), WebFingerClient.parse("acct:alice@example.com:8443"));
    assertEquals(new WebFingerClient.Handle("alice", "[::1]:8081"), WebFingerClient.parse("alice@[::1]:8081"));
    for (String junk : List.of("", "alice", "@alice", "alice@", "@@", "alice@exa mple.com", "a/b@example.com",
        "alice@example.com/path")) {
      assertThrows(IllegalArgumentException.class, () -> WebFingerClient.parse(junk), junk);
    }
  }

  @Test
  void usesHttpsExceptForLoopbackWhenPrivateAddressesAreAllowed(Vertx vertx) {
    RemoteFetcher fetcher = new RemoteFetcher(vertx, new UrlGuard(worker, true),
        new CavageSigner("k", TestKeys.ALICE.getPrivate(), Clock.systemUTC()), worker, FetchOptions.DEFAULTS, "ua");
    WebFingerClient lax = new WebFingerClient(fetcher, true);
    WebFingerClient strict = new WebFingerClient(fetcher, false);
    assertEquals("http://127.0.0.1:8081/.well-known/webfinger?resource=acct%3Aa%40127.0.0.1%3A8081",
        lax.webFingerUrl(WebFingerClient.parse("a@127.0.0.1:8081")).toString());
    assertEquals("https://127.0.0.1:8081/.well-known/webfinger?resource=acct%3Aa%40127.0.0.1%3A8081",
        strict.webFingerUrl(WebFingerClient.parse("a@127.0.0.1:8081")).toString());
    assertEquals("https://example.com/.well-known/webfinger?resource=acct%3Aa%40example.com",
        lax.webFingerUrl(WebFingerClient.parse("a@example.com")).toString());
    assertEquals("http", lax.webFingerUrl(WebFingerClient.parse("a@localhost:3000")).getScheme());
  }

  @Test
  void picksTheActivityPubSelfLink() {
    JsonObject jrd = new JsonObject().put("links", new JsonArray()
        .add(new JsonObject().put("rel", "self").put("type", "text/html").put("href", "https://x/@a"))
        .add(new JsonObject().put("rel", "self")
            .put("type", "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"").put("href", "https://x/u/a")));
    assertEquals(URI.create("https://x/u/a"), WebFingerClient.selfLink(jrd));
    assertEquals(null, WebFingerClient.selfLink(new JsonObject().put("links", "nope")));
  }
}
