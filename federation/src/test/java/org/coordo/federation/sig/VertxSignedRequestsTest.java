package org.coordo.federation.sig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.coordo.federation.FederationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A signed request over real HTTP, verified behind a (simulated) reverse proxy. */
@ExtendWith(VertxExtension.class)
class VertxSignedRequestsTest {

  @Test
  void verifiesWhatASenderSignedForThePublicUrl(Vertx vertx, VertxTestContext ctx) {
    URI publicBase = URI.create("https://grenoble.example");
    SignatureVerifier verifier = new SignatureVerifier(Clock.systemUTC(), Duration.ofHours(1));
    byte[] body = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);
    HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buf -> {
      SignedRequest signed = VertxSignedRequests.from(req, buf, publicBase);
      VerificationResult r = verifier.verify(signed, TestKeys.ALICE.getPublic());
      req.response().setStatusCode(r.isOk() ? 202 : 401).end(r.isOk() ? signed.target().toString() : r.message());
    }));
    server.listen(0, "127.0.0.1").compose(s -> {
      // the sender addressed https://grenoble.example/actors/grenoble/inbox?x=1; the proxy forwards to us
      URI addressed = URI.create("https://grenoble.example/actors/grenoble/inbox?x=1");
      Map<String, String> headers = new CavageSigner("https://lyon.example/actors/lyon#main-key",
          TestKeys.ALICE.getPrivate(), Clock.systemUTC()).sign("POST", addressed, body);
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
          .setPort(s.actualPort()).setURI("/actors/grenoble/inbox?x=1");
      headers.forEach((k, v) -> {
        if (!k.equals("Host")) {
          options.putHeader(k, v);
        }
      });
      return vertx.createHttpClient().request(options)
          .compose(req -> req.send(Buffer.buffer(body)))
          .compose(resp -> resp.body().map(b -> resp.statusCode() + " " + b.toString()));
    }).onComplete(ctx.succeeding(answer -> ctx.verify(() -> {
      assertEquals("202 https://grenoble.example/actors/grenoble/inbox?x=1", answer);
      ctx.completeNow();
    })));
  }

  @Test
  void aRequestTargetThatIsNoUriIsABadRequestNotACrash(Vertx vertx, VertxTestContext ctx) {
    // Found while writing the fuzz targets: URI.create threw IllegalArgumentException for characters HTTP
    // servers pass through in the request target (a 500 from the inbox and from authorized fetch).
    URI publicBase = URI.create("https://grenoble.example");
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      int status;
      try {
        VertxSignedRequests.from(req, null, publicBase);
        status = 200;
      } catch (FederationException e) {
        status = e.status();
      } catch (RuntimeException e) {
        status = 500;
      }
      req.response().setStatusCode(status).end();
    });
    server.listen(0, "127.0.0.1").compose(s -> {
      RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
          .setPort(s.actualPort()).setURI("/inbox?q=%zz|{x}");
      return vertx.createHttpClient().request(options).compose(req -> req.send()).map(resp -> resp.statusCode());
    }).onComplete(ctx.succeeding(status -> ctx.verify(() -> {
      assertEquals(400, status);
      ctx.completeNow();
    })));
  }
}
