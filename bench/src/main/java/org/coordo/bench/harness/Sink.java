package org.coordo.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.coordo.federation.Uris;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.ParsedSignature;
import org.coordo.federation.sig.SignatureVerifier;
import org.coordo.federation.sig.SignedRequest;

/**
 * The inboxes of the fan-out scenario's remote hosts: acknowledges every POST with 202 as soon as its body is in
 * (or {@code delayMillis} later, on a timer, to stand for a real server's network and processing time),
 * records what arrived (inbox URL, time, body) and verifies the HTTP signature of one request in {@code sampleEvery}
 * (the sender's key fetched from the node over loopback and cached; RSA on a worker thread).
 *
 * <p>The hot path does as little as it can, since the sinks share the node's cores: the bodies are kept as they
 * came and only parsed by {@link FanOutCheck} once the run is over.
 */
final class Sink {
  /** One delivery: {@code inbox} is the URL it was POSTed to, {@code nanos} when it was acknowledged. */
  record Arrival(String inbox, long nanos, Buffer body) {}

  final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
  final AtomicLong received = new AtomicLong();
  /** NodeInfo GETs answered by the hosts (not signed: they cost the node no RSA). */
  final AtomicLong nodeInfoGets = new AtomicLong();
  /** POSTs carrying an RFC 9421 signature ({@code Signature-Input}). */
  final AtomicLong rfc9421 = new AtomicLong();
  final AtomicLong verified = new AtomicLong();
  final AtomicLong verifyFailed = new AtomicLong();
  final AtomicLong verifyPending = new AtomicLong();
  final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final Vertx vertx;
  private final HttpClient client;
  private final int sampleEvery;
  private final int delayMillis;
  private final SignatureVerifier verifier = new SignatureVerifier(Clock.systemUTC(), SignatureVerifier.DEFAULT_WINDOW);
  private final Map<String, Future<PublicKey>> keys = new ConcurrentHashMap<>();

  Sink(Vertx vertx, int sampleEvery) {
    this(vertx, sampleEvery, 0);
  }

  Sink(Vertx vertx, int sampleEvery, int delayMillis) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient();
    this.sampleEvery = sampleEvery;
    this.delayMillis = delayMillis;
  }

  /** Forgets what arrived so far (e.g. the Accepts of the set-up); verification counts are kept. */
  void reset() {
    arrivals.clear();
    received.set(0);
    nodeInfoGets.set(0);
    rfc9421.set(0);
  }

  /** The handler for one host, whose public origin is {@code origin} ({@code http://127.0.0.1:port}). */
  Handler<HttpServerRequest> forOrigin(Supplier<String> origin) {
    return req -> req.body().onSuccess(body -> {
      String inbox = origin.get() + req.path();
      if (req.headers().contains("Signature-Input")) {
        rfc9421.incrementAndGet();
      }
      if (delayMillis == 0) {
        req.response().setStatusCode(202).end();
        arrivals.add(new Arrival(inbox, System.nanoTime(), body));
      } else {
        vertx.setTimer(delayMillis, id -> {
          req.response().setStatusCode(202).end();
          arrivals.add(new Arrival(inbox, System.nanoTime(), body));
        });
      }
      if (received.incrementAndGet() % sampleEvery == 0) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        req.headers().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
        verify(new SignedRequest("POST", URI.create(origin.get() + req.uri()), headers, body.getBytes()));
      }
    });
  }

  private void verify(SignedRequest request) {
    ParsedSignature parsed;
    try {
      parsed = verifier.parse(request);
    } catch (RuntimeException e) {
      fail("unparsable signature: " + e.getMessage());
      return;
    }
    verifyPending.incrementAndGet();
    keys.computeIfAbsent(parsed.keyId(), this::fetchKey)
        .compose(key -> vertx.executeBlocking(() -> verifier.verify(request, parsed, key), false))
        .onComplete(ar -> {
          if (ar.succeeded() && ar.result().isOk()) {
            verified.incrementAndGet();
          } else {
            fail(ar.succeeded() ? String.valueOf(ar.result()) : String.valueOf(ar.cause()));
          }
          verifyPending.decrementAndGet();
        });
  }

  private void fail(String why) {
    verifyFailed.incrementAndGet();
    if (failures.size() < 5) {
      failures.add(why);
    }
  }

  private Future<PublicKey> fetchKey(String keyId) {
    URI actor = Uris.withoutFragment(URI.create(keyId));
    if (!"127.0.0.1".equals(actor.getHost())) {
      return Future.failedFuture("refusing to fetch a key off loopback: " + keyId);
    }
    RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(actor.getPort())
        .setURI(actor.getRawPath()).addHeader("Accept", "application/activity+json");
    return client.request(get).compose(r -> r.send()).compose(r -> r.body()).map(Buffer::toJsonObject)
        .map(doc -> ActorKeys.publicKeyFromPem(doc.getJsonObject("publicKey").getString("publicKeyPem")));
  }
}
