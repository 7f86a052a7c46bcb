package org.coordo.federation.inbox;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.sig.Rfc9421Signer;
import org.coordo.federation.sig.RequestSigner;
import org.coordo.federation.testkit.Await;

/**
 * A remote fediverse server on 127.0.0.1:0 that serves actor documents (keys from {@link ActorKeys})
 * and objects by path, counts GETs per path, and signs requests as its actors would.
 */
public final class FakeRemote implements AutoCloseable {
  public final HttpServer server;
  public final String base;
  private final Map<String, JsonObject> documents = new ConcurrentHashMap<>();
  private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile Promise<Void> held;

  public FakeRemote(Vertx vertx) {
    this.server = Await.result(vertx.createHttpServer().requestHandler(req -> {
      hits.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
      Promise<Void> gate = held;
      if (gate != null) {
        waiting.incrementAndGet();
        gate.future().onComplete(v -> answer(req));
      } else {
        answer(req);
      }
    }).listen(0, "127.0.0.1"));
    this.base = "http://127.0.0.1:" + server.actualPort();
  }

  /** From now on every GET waits, unanswered, until {@link #release()} (a slow remote server). */
  public FakeRemote hold() {
    held = Promise.promise();
    return this;
  }

  /** Answers every GET held so far and stops holding. */
  public void release() {
    Promise<Void> gate = held;
    held = null;
    if (gate != null) {
      gate.tryComplete();
    }
  }

  /** GETs that arrived while held (answered or not). */
  public int heldRequests() {
    return waiting.get();
  }

  private void answer(io.vertx.core.http.HttpServerRequest req) {
    JsonObject doc = documents.get(req.path());
    if (doc == null) {
      req.response().setStatusCode(404).end();
    } else {
      req.response().putHeader("Content-Type", "application/activity+json").end(doc.encode());
    }
  }

  public URI actorId(String name) {
    return URI.create(base + "/users/" + name);
  }

  public String keyId(String name) {
    return actorId(name) + "#main-key";
  }

  /** Serves a Person with the given key at /users/{name}. */
  public FakeRemote actor(String name, KeyPair key) {
    keys.put(name, key);
    documents.put("/users/" + name, actorDocument(name, key, keyId(name)));
    return this;
  }

  /** Serves the actor GoToSocial-style: key id {@code /users/{name}/main-key}, a key document there. */
  public FakeRemote gtsActor(String name, KeyPair key) {
    keys.put(name, key);
    String keyId = actorId(name) + "/main-key";
    JsonObject doc = actorDocument(name, key, keyId);
    documents.put("/users/" + name, doc);
    documents.put("/users/" + name + "/main-key", doc.getJsonObject("publicKey").copy().put("type", "Key"));
    return this;
  }

  public JsonObject actorDocument(String name, KeyPair key, String keyId) {
    String id = actorId(name).toString();
    return new JsonObject()
        .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1"))
        .put("id", id)
        .put("type", "Person")
        .put("preferredUsername", name)
        .put("inbox", id + "/inbox")
        .put("followers", id + "/followers")
        .put("endpoints", new JsonObject().put("sharedInbox", base + "/inbox"))
        .put("publicKey", new JsonObject()
            .put("id", keyId)
            .put("owner", id)
            .put("publicKeyPem", ActorKeys.toPem(key.getPublic())));
  }

  public void put(String path, JsonObject doc) {
    documents.put(path, doc);
  }

  /** Stops serving a path (it answers 404 from now on). */
  public void remove(String path) {
    documents.remove(path);
  }

  public JsonObject document(String path) {
    return documents.get(path);
  }

  public int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  public KeyPair key(String name) {
    return keys.get(name);
  }

  public RequestSigner cavage(String name, Clock clock) {
    return new CavageSigner(keyIdOf(name), keys.get(name).getPrivate(), clock);
  }

  public RequestSigner rfc9421(String name, Clock clock) {
    return new Rfc9421Signer(keyIdOf(name), keys.get(name).getPrivate(), clock);
  }

  private String keyIdOf(String name) {
    return documents.get("/users/" + name).getJsonObject("publicKey").getString("id");
  }

  @Override
  public void close() {
    Await.result(server.close());
  }
}
