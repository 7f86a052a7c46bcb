package org.coordo.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.coordo.federation.sig.ActorKeys;

/**
 * A fake remote fediverse server on 127.0.0.1 (port chosen by the system): {@code GET /actors/a<i>} answers a
 * {@code Person} document for i in [0, actors), whose key is {@code keys[i % keys.size()]} (RSA key generation
 * is slow, so a handful of keys is shared by many actors; the node still fetches and caches one key id per
 * actor). With a sink (fan-out), {@code POST /inbox} and {@code POST /actors/a<i>/inbox} are handed to it;
 * without one they answer 404.
 */
final class FakeRemote implements AutoCloseable {
  private final Vertx vertx;
  private final List<KeyPair> keys;
  private final int actors;
  private final String[] pems;
  private final AtomicLong actorFetches = new AtomicLong();
  private final Handler<HttpServerRequest> sink;
  private volatile long actorDelayMillis;
  private HttpServer server;
  private String origin;

  FakeRemote(Vertx vertx, List<KeyPair> keys, int actors) {
    this(vertx, keys, actors, null);
  }

  FakeRemote(Vertx vertx, List<KeyPair> keys, int actors, Handler<HttpServerRequest> sink) {
    this.sink = sink;
    this.vertx = vertx;
    this.keys = List.copyOf(keys);
    this.actors = actors;
    this.pems = keys.stream().map(k -> ActorKeys.toPem(k.getPublic())).toArray(String[]::new);
  }

  Future<FakeRemote> start() {
    return vertx.createHttpServer().requestHandler(req -> {
      String path = req.path();
      if (req.method() == HttpMethod.POST && path.endsWith("/inbox") && sink != null) {
        sink.handle(req);
      } else if (path.startsWith("/actors/a")) {
        int i;
        try {
          i = Integer.parseInt(path.substring("/actors/a".length()));
        } catch (NumberFormatException e) {
          i = -1;
        }
        if (i < 0 || i >= actors) {
          req.response().setStatusCode(404).end();
          return;
        }
        actorFetches.incrementAndGet();
        String doc = actorDocument(i).encode();
        if (actorDelayMillis > 0) { // a slow remote server: the key arrives late
          vertx.setTimer(actorDelayMillis, t -> req.response().putHeader("Content-Type", "application/activity+json").end(doc));
        } else {
          req.response().putHeader("Content-Type", "application/activity+json").end(doc);
        }
      } else {
        req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").map(s -> {
      server = s;
      origin = "http://127.0.0.1:" + s.actualPort();
      return this;
    });
  }

  /** From now on, actor documents (and so their keys) are answered {@code millis} late. */
  FakeRemote delayActors(long millis) {
    this.actorDelayMillis = millis;
    return this;
  }

  String origin() {
    return origin;
  }

  String actorId(int i) {
    return origin + "/actors/a" + i;
  }

  String keyId(int i) {
    return actorId(i) + "#main-key";
  }

  KeyPair keyOf(int i) {
    return keys.get(i % keys.size());
  }

  long actorFetches() {
    return actorFetches.get();
  }

  JsonObject actorDocument(int i) {
    String id = actorId(i);
    return new JsonObject()
        .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1"))
        .put("id", id)
        .put("type", "Person")
        .put("preferredUsername", "a" + i)
        .put("name", "Bench actor " + i)
        .put("inbox", id + "/inbox")
        .put("outbox", id + "/outbox")
        .put("followers", id + "/followers")
        .put("endpoints", new JsonObject().put("sharedInbox", origin + "/inbox"))
        .put("publicKey", new JsonObject().put("id", keyId(i)).put("owner", id)
            .put("publicKeyPem", pems[i % pems.length]));
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
