package org.coordo.federation.fetch;

import org.coordo.federation.FetchException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTPS while connecting to the address the guard checked: the certificate is still verified against the URL's
 * host name (here "localhost", pinned to 127.0.0.1).
 */
@ExtendWith(VertxExtension.class)
class RemoteFetcherTlsTest {
  final SelfSignedCertificate localhostCert = SelfSignedCertificate.create("localhost");
  final SelfSignedCertificate otherCert = SelfSignedCertificate.create("other.example");
  // TLS handshakes are slow on a loaded 2-core machine: what is tested here is the name check, not the timeouts
  static final FetchOptions GENEROUS = new FetchOptions(1 << 20, Duration.ofSeconds(30), Duration.ofSeconds(60), 3);
  WorkerExecutor worker;

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.close();
    }
    localhostCert.delete();
    otherCert.delete();
  }

  RemoteFetcher fetcher(Vertx vertx, SelfSignedCertificate trusted) {
    worker = vertx.createSharedWorkerExecutor("fetch-tls-test");
    return new RemoteFetcher(vertx, new UrlGuard(worker, true),
        new CavageSigner("https://grenoble.example/actor#main-key", TestKeys.ALICE.getPrivate(), Clock.systemUTC()),
        worker, GENEROUS, "test", new HttpClientOptions().setTrustOptions(trusted.trustOptions()));
  }

  @Test
  void verifiesTheCertificateAgainstTheHostName(Vertx vertx, VertxTestContext ctx) {
    vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(localhostCert.keyCertOptions()))
        .requestHandler(req -> req.response().putHeader("Content-Type", "application/activity+json")
            .end(new JsonObject().put("id", "https://localhost:" + req.localAddress().port() + "/actor").encode()))
        .listen(0, "127.0.0.1")
        .compose(s -> fetcher(vertx, localhostCert).fetchActivityJson(URI.create("https://localhost:" + s.actualPort() + "/actor")))
        .onComplete(ctx.succeeding(json -> ctx.verify(() -> {
          assertTrue(json.getString("id").startsWith("https://localhost:"), json.getString("id"));
          ctx.completeNow();
        })));
  }

  @Test
  void refusesACertificateForAnotherName(Vertx vertx, VertxTestContext ctx) {
    vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(otherCert.keyCertOptions()))
        .requestHandler(req -> req.response().putHeader("Content-Type", "application/json").end("{}"))
        .listen(0, "127.0.0.1")
        .compose(s -> fetcher(vertx, otherCert).fetchActivityJson(URI.create("https://localhost:" + s.actualPort() + "/actor")))
        .onComplete(ctx.failing(err -> ctx.verify(() -> {
          assertEquals(FetchException.Reason.CONNECTION_FAILED, ((FetchException) err).reason());
          // same setup as the passing test but for the certificate's name: the host check refused it
          assertEquals(javax.net.ssl.SSLHandshakeException.class, err.getCause().getClass());
          ctx.completeNow();
        })));
  }
}
