package org.coordo.server.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coordo.federation.FederationException;
import org.coordo.federation.MalformedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of failure through the node's one failure handler, over real HTTP: its status, its
 * exact body and headers, and JSON or the error page depending on where it happened.
 */
@ExtendWith(VertxExtension.class)
class ErrorResponsesTest {
  private static final String JSON = "application/json; charset=utf-8";
  private static final long MAX_BODY = 64;

  private static Vertx vertx;
  private static WebClient client;
  private static int port;

  @BeforeAll
  static void serve() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    // A page renderer standing in for web/'s: what it is given, as plain text.
    ErrorResponses.ErrorPage page = (ctx, e) -> ctx.response().setStatusCode(e.status())
        .putHeader("Content-Type", "text/plain").end("page " + e.status() + " " + e.safeMessage());
    ErrorResponses errors = new ErrorResponses(MAX_BODY).withPages(page, java.util.List.of("/pages"));

    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", "required");
    fields.put("password", "at least 8 characters");
    fail(router, "/api/invalid", NodeError.invalid(fields));
    fail(router, "/api/validation", NodeError.validationFailed(Map.of("content", "too deep")));
    fail(router, "/api/limited", NodeError.tooManyAttempts(Duration.ofMillis(899_200)));
    fail(router, "/api/busy", NodeError.busy());
    fail(router, "/api/missing", NodeError.notFound("publication"));
    fail(router, "/api/conflict", new FederationException(409, "already following"));
    fail(router, "/api/remote", new FederationException(502, "the remote server did not answer",
        new IOException("connect to 10.0.0.7:443 refused")));
    fail(router, "/api/teapot", new HttpException(418, "no coffee here"));
    fail(router, "/api/bug", new IllegalStateException("secret detail /var/lib/coordo"));
    fail(router, "/api/undecodable", new HttpPostRequestDecoder.ErrorDataDecoderException("bad escape"));
    router.post("/api/json").handler(ctx -> ctx.json(ctx.body().asJsonObject()));
    router.get("/api/status").handler(ctx -> ctx.fail(409));
    router.get("/api/begun").handler(ctx -> {
      ctx.response().setChunked(true).write("partial");
      ctx.fail(new IllegalStateException("after the head"));
    });
    fail(router, "/pages/forbidden", NodeError.forbidden("editors only"));
    fail(router, "/pages/bug", new IllegalStateException("secret detail"));
    fail(router, "/api-like/bug", new IllegalStateException("secret detail"));
    router.post("/pages/form").handler(ctx -> ctx.end("read"));
    router.get("/direct").handler(ctx -> ErrorResponses.page(ctx, NodeError.gone("deleted"), page));

    router.route().failureHandler(errors);
    router.errorHandler(404, errors);
    router.errorHandler(405, errors);
    port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    client = WebClient.create(vertx);
  }

  private static void fail(Router router, String path, Throwable failure) {
    router.get(path).handler(ctx -> {
      throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    });
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String body) throws Exception {
    var request = client.request(method, port, "127.0.0.1", path);
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendBuffer(Buffer.buffer(body));
    return sent.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<Buffer> get(String path) throws Exception {
    return send(HttpMethod.GET, path, null);
  }

  private static HttpResponse<Buffer> get(String path, String accept) throws Exception {
    return client.get(port, "127.0.0.1", path).putHeader("Accept", accept).send()
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static void assertJson(HttpResponse<Buffer> r, int status, String body) {
    assertEquals(status, r.statusCode());
    assertEquals(JSON, r.getHeader("Content-Type"));
    assertEquals(body, r.bodyAsString());
  }

  @Test
  void invalidInputAnswers422WithOneMessagePerFieldInOrder() throws Exception {
    HttpResponse<Buffer> r = get("/api/invalid");
    assertJson(r, 422, "{\"error\":\"invalid input\",\"status\":422,"
        + "\"fields\":{\"username\":\"required\",\"password\":\"at least 8 characters\"}}");
    assertNull(r.getHeader("Retry-After"));
    assertJson(get("/api/validation"), 422,
        "{\"error\":\"validation failed\",\"status\":422,\"fields\":{\"content\":\"too deep\"}}");
  }

  @Test
  void tooManyAttemptsSaysWhenToRetryInWholeSecondsRoundedUp() throws Exception {
    HttpResponse<Buffer> r = get("/api/limited");
    assertJson(r, 429, "{\"error\":\"Too many failed attempts; try again later.\",\"status\":429}");
    assertEquals("900", r.getHeader("Retry-After"));
    HttpResponse<Buffer> busy = get("/api/busy");
    assertJson(busy, 503, "{\"error\":\"The server is busy; try again in a moment.\",\"status\":503}");
    assertEquals("2", busy.getHeader("Retry-After"));
  }

  @Test
  void nodeErrorWithoutFieldsIsErrorAndStatusOnly() throws Exception {
    assertJson(get("/api/missing"), 404, "{\"error\":\"publication not found\",\"status\":404}");
  }

  @Test
  void federationExceptionKeepsItsStatusAndSafeMessageButNotItsCause() throws Exception {
    assertJson(get("/api/conflict"), 409, "{\"error\":\"already following\",\"status\":409}");
    HttpResponse<Buffer> remote = get("/api/remote");
    assertJson(remote, 502, "{\"error\":\"the remote server did not answer\",\"status\":502}");
    assertFalse(remote.bodyAsString().contains("10.0.0.7"));
  }

  @Test
  void vertxHttpExceptionKeepsItsStatusAndPayload() throws Exception {
    assertJson(get("/api/teapot"), 418, "{\"error\":\"no coffee here\",\"status\":418}");
  }

  @Test
  void anythingElseIs500InternalErrorWithoutItsDetail() throws Exception {
    assertJson(get("/api/bug"), 500, "{\"error\":\"internal error\",\"status\":500}");
  }

  @Test
  void badJsonAndUndecodableBodiesAre400() throws Exception {
    assertJson(send(HttpMethod.POST, "/api/json", "{not json"), 400, "{\"error\":\"invalid JSON\",\"status\":400}");
    assertJson(get("/api/undecodable"), 400,
        "{\"error\":\"" + MalformedRequest.MESSAGE + "\",\"status\":400}");
  }

  @Test
  void statusOnlyFailuresGetTheStandardReasonAndTheBodyLimitIsNamed() throws Exception {
    assertJson(get("/api/status"), 409, "{\"error\":\"conflict\",\"status\":409}");
    assertJson(get("/nothing/here"), 404, "{\"error\":\"not found\",\"status\":404}");
    assertJson(send(HttpMethod.DELETE, "/api/missing", null), 405, "{\"error\":\"method not allowed\",\"status\":405}");
    assertJson(send(HttpMethod.POST, "/api/json", "{\"a\":\"" + "x".repeat(100) + "\"}"), 413,
        "{\"error\":\"request body larger than 64 bytes\",\"status\":413}");
  }

  @Test
  void failureAfterTheResponseBeganClosesTheConnection() {
    Exception e = assertThrows(Exception.class, () -> get("/api/begun"));
    assertTrue(String.valueOf(e.getCause()).toLowerCase().contains("closed"), String.valueOf(e.getCause()));
  }

  @Test
  void failuresOnPagePathsAreTheErrorPage() throws Exception {
    HttpResponse<Buffer> forbidden = get("/pages/forbidden");
    assertEquals(403, forbidden.statusCode());
    assertEquals("page 403 editors only", forbidden.bodyAsString());
    HttpResponse<Buffer> bug = get("/pages/bug");
    assertEquals(500, bug.statusCode());
    assertEquals("page 500 internal error", bug.bodyAsString());
    HttpResponse<Buffer> big = send(HttpMethod.POST, "/pages/form", "x".repeat(100));
    assertEquals(413, big.statusCode());
    assertEquals("page 413 request entity too large", big.bodyAsString());
  }

  @Test
  void pageHandlersAnswerThroughTheSamePlaceAnywhere() throws Exception {
    HttpResponse<Buffer> r = get("/direct");
    assertEquals(410, r.statusCode());
    assertEquals("page 410 deleted", r.bodyAsString());
  }

  @Test
  void anUnmatchedPathUnderAFormPrefixIsThePageToo() throws Exception {
    // Before, the router's 404 (not a failure) reached no page handler and answered JSON here.
    HttpResponse<Buffer> r = get("/pages/nothing");
    assertEquals(404, r.statusCode());
    assertEquals("page 404 not found", r.bodyAsString());
  }

  @Test
  void browsersGetThePageAnywhereButUnderApi() throws Exception {
    String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    HttpResponse<Buffer> unknown = get("/nothing/here", browser);
    assertEquals(404, unknown.statusCode());
    assertEquals("page 404 not found", unknown.bodyAsString());
    assertEquals("page 405 method not allowed",
        client.request(HttpMethod.DELETE, port, "127.0.0.1", "/direct").putHeader("Accept", browser).send()
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).bodyAsString());
    assertEquals("page 500 internal error", get("/api-like/bug", browser).bodyAsString());
    assertJson(get("/api/missing", browser), 404, "{\"error\":\"publication not found\",\"status\":404}");
    assertJson(get("/api/nothing", browser), 404, "{\"error\":\"not found\",\"status\":404}");
  }

  @Test
  void activityStreamsJsonAndUnspecifiedClientsKeepJson() throws Exception {
    for (String accept : new String[] {"application/activity+json",
        "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"", "application/json",
        "application/json, text/html", "*/*"}) {
      assertJson(get("/nothing/here", accept), 404, "{\"error\":\"not found\",\"status\":404}");
    }
    assertJson(get("/nothing/here"), 404, "{\"error\":\"not found\",\"status\":404}");
  }

  @Test
  void describeKeepsANodeErrorAndHidesOtherCauses() {
    NodeError own = NodeError.conflict("taken");
    assertSame(own, ErrorResponses.describe(own, -1, MAX_BODY));
    IllegalStateException bug = new IllegalStateException("secret");
    NodeError hidden = ErrorResponses.describe(bug, -1, MAX_BODY);
    assertEquals(500, hidden.status());
    assertEquals("internal error", hidden.safeMessage());
    assertSame(bug, hidden.getCause(), "the cause is kept for the log");
    assertEquals(400, ErrorResponses.statusOf(new DecodeException("x")));
    assertEquals(500, ErrorResponses.statusOf(null));
    assertEquals(500, ErrorResponses.describe(new HttpException(302), -1, MAX_BODY).status(), "not an error status");
  }

  @Test
  void nodeErrorRefusesAStatusThatIsNotAnError() {
    assertThrows(IllegalArgumentException.class, () -> NodeError.of(200, "fine"));
    assertEquals("not found", NodeError.of(404, null).safeMessage());
    assertEquals("from: expected a date", NodeError.badParameter("from", "expected a date").safeMessage());
  }
}
