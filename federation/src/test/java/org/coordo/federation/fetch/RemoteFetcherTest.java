package org.coordo.federation.fetch;

import org.coordo.federation.FetchException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.SignatureVerifier;
import org.coordo.federation.sig.SignedRequest;
import org.coordo.federation.sig.TestKeys;
import org.coordo.federation.sig.VerificationResult;
import org.coordo.federation.sig.VertxSignedRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fetcher against a real HTTP server on 127.0.0.1. */
@ExtendWith(VertxExtension.class)
class RemoteFetcherTest {
  static final String KEY_ID = "https://grenoble.example/actor#main-key";
  static final FetchOptions FAST = new FetchOptions(1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(20), 3);

  WorkerExecutor worker;
  HttpServer server;
  URI base;
  final List<String> seen = new CopyOnWriteArrayList<>();
  final List<String> verdicts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext ctx) {
    worker = vertx.createSharedWorkerExecutor("fetch-test");
    SignatureVerifier verifier = new SignatureVerifier(Clock.systemUTC(), Duration.ofHours(1));
    server = vertx.createHttpServer().requestHandler(req -> {
      seen.add(req.uri());
      SignedRequest signed = VertxSignedRequests.from(req, null, base);
      VerificationResult v = verifier.verify(signed, TestKeys.ALICE.getPublic());
      verdicts.add(v.isOk() ? "ok" : v.message());
      route(req, v);
    });
    server.listen(0, "127.0.0.1").onComplete(ctx.succeeding(s -> {
      base = URI.create("http://127.0.0.1:" + s.actualPort());
      ctx.completeNow();
    }));
  }

  @AfterEach
  void tearDown() {
    worker.close();
  }

  private void route(HttpServerRequest req, VerificationResult v) {
    String path = req.path();
    var resp = req.response();
    switch (path) {
      case "/actor" -> {
        if (!v.isOk()) {
          resp.setStatusCode(401).end(v.message());
          return;
        }
        resp.putHeader("Content-Type", "application/activity+json; charset=utf-8")
            .end(new JsonObject().put("id", base + "/actor").put("type", "Application")
                .put("accept", req.getHeader("Accept")).put("userAgent", req.getHeader("User-Agent")).encode());
      }
      case "/r0", "/r1", "/r2", "/r3" -> {
        int n = path.charAt(2) - '0';
        resp.setStatusCode(n % 2 == 0 ? 302 : 301).putHeader("Location", n == 3 ? base + "/actor" : "/r" + (n + 1)).end();
      }
      case "/to-file" -> resp.setStatusCode(302).putHeader("Location", "file:///etc/passwd").end();
      case "/big" -> {
        resp.setChunked(true).putHeader("Content-Type", "application/json");
        resp.write("{\"pad\":\"");
        String chunk = "x".repeat(64 * 1024);
        for (int i = 0; i < 40; i++) {
          resp.write(chunk);
        }
        resp.end("\"}");
      }
      case "/big-declared" -> resp.putHeader("Content-Type", "application/json").putHeader("Content-Length", "5000000")
          .write("{}");
      case "/hang" -> { } // never answers
      case "/html" -> resp.putHeader("Content-Type", "text/html").end("<html></html>");
      case "/array" -> resp.putHeader("Content-Type", "application/json").end("[1,2]");
      case "/broken" -> resp.putHeader("Content-Type", "application/json").end("{\"a\":");
      case "/gone" -> resp.setStatusCode(410).end();
      default -> resp.setStatusCode(404).end();
    }
  }

  RemoteFetcher fetcher(Vertx vertx, boolean allowPrivate, FetchOptions options) {
    return new RemoteFetcher(vertx, new UrlGuard(worker, allowPrivate),
        new CavageSigner(KEY_ID, TestKeys.ALICE.getPrivate(), Clock.systemUTC()), worker, options,
        RemoteFetcher.userAgent("0.1.0", URI.create("https://grenoble.example")));
  }

  @Test
  void fetchesWithASignatureTheServerVerifies(Vertx vertx, VertxTestContext ctx) {
    fetcher(vertx, true, FAST).fetchActivityJson(URI.create(base + "/actor"))
        .onComplete(ctx.succeeding(json -> ctx.verify(() -> {
          assertEquals(base + "/actor", json.getString("id"));
          assertEquals(RemoteFetcher.ACTIVITY_ACCEPT, json.getString("accept"));
          assertEquals("Coordo/0.1.0 (+https://grenoble.example)", json.getString("userAgent"));
          assertEquals(List.of("ok"), verdicts);
          ctx.completeNow();
        })));
  }

  @Test
  void theGuardRefusesTheLoopbackServerWhenPrivateAddressesAreNotAllowed(Vertx vertx, VertxTestContext ctx) {
    fetcher(vertx, false, FAST).fetchActivityJson(URI.create(base + "/actor"))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(FetchException.Reason.FORBIDDEN_URL, assertInstanceOf(FetchException.class, err).reason());
          assertTrue(seen.isEmpty(), "no request may reach the server: " + seen);
          ctx.completeNow();
        })));
  }

  @Test
  void followsUpToThreeRedirectsSigningEachHop(Vertx vertx, VertxTestContext ctx) {
    fetcher(vertx, true, FAST).fetch(URI.create(base + "/r1"), RemoteFetcher.ACTIVITY_ACCEPT)
        .onComplete(ctx.succeeding(fetched -> ctx.verify(() -> {
          assertEquals(URI.create(base + "/actor"), fetched.finalUrl());
          assertEquals(List.of("/r1", "/r2", "/r3", "/actor"), seen);
          assertEquals(List.of("ok", "ok", "ok", "ok"), verdicts);
          ctx.completeNow();
        })));
  }

  @Test
  void refusesAFourthRedirect(Vertx vertx, VertxTestContext ctx) {
    fetcher(vertx, true, FAST).fetchActivityJson(URI.create(base + "/r0"))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(FetchException.Reason.TOO_MANY_REDIRECTS, ((FetchException) err).reason());
          assertEquals(List.of("/r0", "/r1", "/r2", "/r3"), seen);
          ctx.completeNow();
        })));
  }

  @Test
  void aRedirectIsCheckedByTheGuardAgain(Vertx vertx, VertxTestContext ctx) {
    fetcher(vertx, true, FAST).fetchActivityJson(URI.create(base + "/to-file"))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(FetchException.Reason.FORBIDDEN_URL, ((FetchException) err).reason());
          ctx.completeNow();
        })));
  }

  @Test
  void capsTheBodySize(Vertx vertx, VertxTestContext ctx) {
    RemoteFetcher f = fetcher(vertx, true, FAST);
    f.fetchActivityJson(URI.create(base + "/big"))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          FetchException e = (FetchException) err;
          assertEquals(FetchException.Reason.TOO_LARGE, e.reason());
          assertEquals(base + "/big answered more than 1048576 bytes", e.getMessage());
        })))
        .recover(err -> f.fetchActivityJson(URI.create(base + "/big-declared")))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(FetchException.Reason.TOO_LARGE, ((FetchException) err).reason());
          ctx.completeNow();
        })));
  }

  @Test
  void aServerThatNeverAnswersTimesOutInBoundedTime(Vertx vertx, VertxTestContext ctx) {
    long start = System.nanoTime();
    FetchOptions oneSecond = new FetchOptions(1 << 20, Duration.ofSeconds(1), Duration.ofSeconds(1), 3);
    fetcher(vertx, true, oneSecond).fetchActivityJson(URI.create(base + "/hang"))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          long ms = (System.nanoTime() - start) / 1_000_000;
          assertEquals(FetchException.Reason.TIMEOUT, ((FetchException) err).reason());
          assertEquals(504, ((FetchException) err).status());
          assertTrue(ms >= 900 && ms < 5000, "took " + ms + " ms");
          ctx.completeNow();
        })));
  }

  @Test
  void refusesNonJsonAndNonObjects(Vertx vertx, VertxTestContext ctx) {
    RemoteFetcher f = fetcher(vertx, true, FAST);
    f.fetchActivityJson(URI.create(base + "/html"))
        .onComplete(ctx.failing(err -> ctx.verify(() ->
            assertEquals(FetchException.Reason.NOT_JSON, ((FetchException) err).reason()))))
        .recover(err -> f.fetchActivityJson(URI.create(base + "/array")))
        .onComplete(ctx.failing(err -> ctx.verify(() ->
            assertEquals(FetchException.Reason.INVALID_JSON, ((FetchException) err).reason()))))
        .recover(err -> f.fetchActivityJson(URI.create(base + "/broken")))
        .onComplete(ctx.failing(err -> ctx.verify(() ->
            assertEquals(FetchException.Reason.INVALID_JSON, ((FetchException) err).reason()))))
        .recover(err -> f.fetchActivityJson(URI.create(base + "/gone")))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          FetchException e = (FetchException) err;
          assertEquals(FetchException.Reason.HTTP_STATUS, e.reason());
          assertEquals(410, e.remoteStatus());
          ctx.completeNow();
        })));
  }

  @Test
  void contentTypesThatCountAsJson() {
    assertTrue(RemoteFetcher.isJson("application/activity+json"));
    assertTrue(RemoteFetcher.isJson("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""));
    assertTrue(RemoteFetcher.isJson("application/jrd+json"));
    assertTrue(RemoteFetcher.isJson("Application/JSON; charset=utf-8"));
    assertTrue(!RemoteFetcher.isJson("text/html") && !RemoteFetcher.isJson(null) && !RemoteFetcher.isJson("text/json+html"));
  }
}
