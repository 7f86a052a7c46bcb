package org.coordo.federation.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.coordo.federation.sig.ParsedSignature;
import org.coordo.federation.sig.SignatureVerifier;
import org.coordo.federation.sig.SignedRequest;
import org.coordo.federation.sig.VerificationResult;
import org.coordo.federation.sig.VertxSignedRequests;

/**
 * A plain Vert.x HTTP server on 127.0.0.1 that plays a remote inbox: it records every request,
 * VERIFIES its HTTP signature against the keys it was told to trust (with sig's {@link
 * SignatureVerifier}), answers with a status chosen by the test, optionally after a delay, and counts
 * how many requests were in flight at once. It can also serve documents ({@link #serve}), e.g. the
 * actor whose inbox it plays, so that a node can fetch its key.
 */
public final class SinkServer implements AutoCloseable {

  /** One request as the sink saw it. */
  public record Received(
      String method, String path, Map<String, String> headers, JsonObject body, String keyId,
      VerificationResult verification, int answered) {

    public boolean signatureValid() {
      return verification != null && verification.isOk();
    }

    public String activityId() {
      return body == null ? null : body.getString("id");
    }
  }

  private final Vertx vertx;
  private final SignatureVerifier verifier;
  private final Map<String, PublicKey> trusted = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger concurrent = new AtomicInteger();
  private final AtomicInteger maxConcurrent = new AtomicInteger();
  private volatile Function<Received, Integer> responder = r -> 202;
  private volatile Duration delay = Duration.ZERO;
  private final Map<String, String> answerHeaders = new ConcurrentHashMap<>();
  private volatile Function<Received, Map<String, String>> answerHeadersOf = r -> Map.of();
  private final Map<String, Served> documents = new ConcurrentHashMap<>();

  private record Served(String contentType, JsonObject json) {}
  private HttpServer server;
  private URI base;

  private SinkServer(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.verifier = new SignatureVerifier(clock, Duration.ofHours(1));
  }

  /** Starts a sink on 127.0.0.1 and a free port (blocks until listening). */
  public static SinkServer start(Vertx vertx, Clock clock) {
    return start(vertx, clock, 0);
  }

  /**
   * Starts a sink on 127.0.0.1 and {@code port} (0: a free one), e.g. on the port of a stopped node, to
   * record what its peers deliver meanwhile.
   */
  public static SinkServer start(Vertx vertx, Clock clock, int port) {
    SinkServer sink = new SinkServer(vertx, clock);
    sink.server = Await.result(vertx.createHttpServer().requestHandler(sink::handle).listen(port, "127.0.0.1"));
    sink.base = URI.create("http://127.0.0.1:" + sink.server.actualPort());
    return sink;
  }

  public URI url(String path) {
    return base.resolve(path);
  }

  /** {@code 127.0.0.1:port}: the host as delivery sees it. */
  public String host() {
    return base.getHost() + ":" + base.getPort();
  }

  public SinkServer trust(String keyId, PublicKey key) {
    trusted.put(keyId, key);
    return this;
  }

  public SinkServer respond(Function<Received, Integer> statusOf) {
    this.responder = statusOf;
    return this;
  }

  public SinkServer respondWith(int status) {
    return respond(r -> status);
  }

  /** Answers with each status in turn, then keeps the last one. */
  public SinkServer respondInTurn(int... statuses) {
    AtomicInteger next = new AtomicInteger();
    return respond(r -> statuses[Math.min(next.getAndIncrement(), statuses.length - 1)]);
  }

  /** A header added to every answer (e.g. {@code Retry-After}). */
  public SinkServer header(String name, String value) {
    answerHeaders.put(name, value);
    return this;
  }

  /** Answers {@code GET path} with this ActivityStreams document (not recorded, no delay). */
  public SinkServer serve(String path, JsonObject document) {
    documents.put(path, new Served("application/activity+json", document));
    return this;
  }

  /** Headers added to an answer, chosen per request (e.g. an {@code Accept-Signature} challenge on a 401). */
  public SinkServer headers(Function<Received, Map<String, String>> of) {
    this.answerHeadersOf = of;
    return this;
  }

  /**
   * A JSON document answered (200, {@code application/json}) to a GET of {@code path} whatever the signature (e.g.
   * NodeInfo); such GETs are not recorded.
   */
  public SinkServer document(String path, JsonObject json) {
    documents.put(path, new Served("application/json", json));
    return this;
  }

  /** Serves NodeInfo discovery and a 2.1 document naming {@code software} (a real server's shape). */
  public SinkServer nodeInfo(String software) {
    document("/.well-known/nodeinfo", new JsonObject().put("links", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("rel", "http://nodeinfo.diaspora.software/ns/schema/2.0")
            .put("href", url("/nodeinfo/2.0").toString()))
        .add(new JsonObject().put("rel", "http://nodeinfo.diaspora.software/ns/schema/2.1")
            .put("href", url("/nodeinfo/2.1").toString()))));
    JsonObject doc = new JsonObject().put("version", "2.1")
        .put("software", new JsonObject().put("name", software).put("version", "4.5.0"))
        .put("protocols", new io.vertx.core.json.JsonArray().add("activitypub"));
    document("/nodeinfo/2.1", doc);
    return document("/nodeinfo/2.0", doc.copy().put("version", "2.0"));
  }

  /** The POSTs received (what was delivered). */
  public List<Received> posts() {
    return received.stream().filter(r -> r.method().equals("POST")).toList();
  }

  public SinkServer delay(Duration by) {
    this.delay = by;
    return this;
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  public List<Received> receivedAt(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Requests received and not answered yet. */
  public int inFlight() {
    return concurrent.get();
  }

  public int maxConcurrent() {
    return maxConcurrent.get();
  }

  private void handle(HttpServerRequest request) {
    Served document = request.method() == io.vertx.core.http.HttpMethod.GET ? documents.get(request.path()) : null;
    if (document != null) {
      request.response().putHeader("Content-Type", document.contentType()).end(document.json().encode());
      return;
    }
    int now = concurrent.incrementAndGet();
    maxConcurrent.accumulateAndGet(now, Math::max);
    request.body().onComplete(ar -> {
      Buffer body = ar.succeeded() ? ar.result() : Buffer.buffer();
      vertx.executeBlocking(() -> verify(request, body)).onComplete(v -> {
        Received seen = v.succeeded() ? v.result() : null;
        int status = seen == null ? 500 : responder.apply(seen);
        if (seen != null) {
          received.add(new Received(seen.method(), seen.path(), seen.headers(), seen.body(), seen.keyId(),
              seen.verification(), status));
        }
        Runnable answer = () -> {
          concurrent.decrementAndGet();
          answerHeaders.forEach(request.response()::putHeader);
          if (seen != null) {
            answerHeadersOf.apply(seen).forEach(request.response()::putHeader);
          }
          request.response().setStatusCode(status).end();
        };
        if (delay.isZero()) {
          answer.run();
        } else {
          vertx.setTimer(delay.toMillis(), t -> answer.run());
        }
      });
    });
  }

  private Received verify(HttpServerRequest request, Buffer body) {
    SignedRequest signed = VertxSignedRequests.from(request, body, base);
    Map<String, String> headers = new ConcurrentHashMap<>();
    request.headers().forEach(e -> headers.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
    JsonObject json;
    try {
      json = body.length() == 0 ? null : new JsonObject(body);
    } catch (RuntimeException e) {
      json = null;
    }
    String keyId = null;
    VerificationResult result;
    try {
      ParsedSignature parsed = verifier.parse(signed);
      keyId = parsed.keyId();
      PublicKey key = trusted.get(keyId);
      result = key == null ? null : verifier.verify(signed, parsed, key);
    } catch (RuntimeException e) {
      result = null;
    }
    return new Received(request.method().name(), request.path(), headers, json, keyId, result, 0);
  }

  @Override
  public void close() {
    if (server != null) {
      Await.result(server.close());
    }
  }
}
