package org.coordo.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.coordo.federation.sig.ActorKeys;

/**
 * The remote side of the fan-out scenario: {@code hosts} HTTP servers on 127.0.0.1 (one port each, so one origin
 * each), holding {@code followers} {@code Person} actors between them (host {@code h} holds actors {@code a0…}, the
 * first {@code followers % hosts} hosts one more than the others). Every POST to an inbox goes to the {@link Sink};
 * {@code GET /actors/a<i>} answers the actor's document (needed only when the followers send real {@code Follow}s:
 * the node reads the follower's inboxes from it). With {@code shared}, actors name the host's {@code /inbox} as
 * their {@code endpoints.sharedInbox}; without, they have only their own {@code /actors/a<i>/inbox}.
 *
 * <p>One Vert.x server per host costs one listening socket, and each connection the node keeps to a host (at most its
 * per-host limit, 3) two descriptors in this process: at the defaults (1,000 measured hosts and 1,000 warm-up hosts)
 * at most about 14,000 descriptors, below this machine's {@code ulimit -n} of 20,000 (raise it for more hosts).
 */
final class FanOutHosts implements AutoCloseable {

  /** One remote follower: its actor id, its own inbox, its shared inbox (null without). */
  record Follower(URI actorId, URI inbox, URI sharedInbox, int host, int index) {}

  private final Vertx vertx;
  private final Sink sink;
  private final boolean shared;
  private final int[] actorsPerHost;
  private final List<KeyPair> keys;
  private final String[] pems;
  private final List<HttpServer> servers = new ArrayList<>();
  private final String[] origins;
  private final String software;

  /**
   * @param keys key pairs shared round-robin by the actors (only needed for real Follows; may be empty)
   */
  FanOutHosts(Vertx vertx, Sink sink, int hosts, int followers, boolean shared, List<KeyPair> keys) {
    this(vertx, sink, hosts, followers, shared, keys, "mastodon");
  }

  /**
   * @param software what the hosts' NodeInfo names as {@code software.name} (the node picks the activities it sends
   *     them by it)
   */
  FanOutHosts(Vertx vertx, Sink sink, int hosts, int followers, boolean shared, List<KeyPair> keys, String software) {
    if (hosts < 1 || followers < hosts) {
      throw new IllegalArgumentException("need at least one follower per host (" + followers + " on " + hosts + ")");
    }
    this.vertx = vertx;
    this.sink = sink;
    this.shared = shared;
    this.actorsPerHost = new int[hosts];
    for (int h = 0; h < hosts; h++) {
      actorsPerHost[h] = followers / hosts + (h < followers % hosts ? 1 : 0);
    }
    this.keys = List.copyOf(keys);
    this.pems = keys.stream().map(k -> ActorKeys.toPem(k.getPublic())).toArray(String[]::new);
    this.origins = new String[hosts];
    this.software = software;
  }

  /** Starts every server, {@code batch} listens at a time. */
  FanOutHosts start() {
    int batch = 100;
    for (int from = 0; from < origins.length; from += batch) {
      List<Future<HttpServer>> started = new ArrayList<>();
      for (int h = from; h < Math.min(origins.length, from + batch); h++) {
        started.add(startHost(h));
      }
      Await.result(Future.all(started));
    }
    return this;
  }

  private Future<HttpServer> startHost(int h) {
    var inbox = sink.forOrigin(() -> origins[h]);
    return vertx.createHttpServer().requestHandler(req -> {
      String path = req.path();
      if (req.method() == HttpMethod.POST && path.endsWith("/inbox")) {
        inbox.handle(req);
      } else if (req.method() == HttpMethod.GET && path.equals("/.well-known/nodeinfo")) {
        sink.nodeInfoGets.incrementAndGet();
        req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("links", new JsonArray()
            .add(new JsonObject().put("rel", "http://nodeinfo.diaspora.software/ns/schema/2.0")
                .put("href", origins[h] + "/nodeinfo/2.0"))).encode());
      } else if (req.method() == HttpMethod.GET && path.equals("/nodeinfo/2.0")) {
        sink.nodeInfoGets.incrementAndGet();
        req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("version", "2.0")
            .put("software", new JsonObject().put("name", software).put("version", "4.5.0"))
            .put("protocols", new JsonArray().add("activitypub")).encode());
      } else if (req.method() == HttpMethod.GET && path.startsWith("/actors/a")) {
        int i = parseIndex(path.substring("/actors/a".length()));
        if (i < 0 || i >= actorsPerHost[h]) {
          req.response().setStatusCode(404).end();
        } else {
          req.response().putHeader("Content-Type", "application/activity+json").end(actorDocument(h, i).encode());
        }
      } else {
        req.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").onSuccess(server -> {
      synchronized (servers) {
        servers.add(server);
      }
      origins[h] = "http://127.0.0.1:" + server.actualPort();
    });
  }

  private static int parseIndex(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  int hosts() {
    return origins.length;
  }

  String origin(int h) {
    return origins[h];
  }

  /** Every follower, host by host. */
  List<Follower> followers() {
    List<Follower> out = new ArrayList<>();
    for (int h = 0; h < origins.length; h++) {
      for (int i = 0; i < actorsPerHost[h]; i++) {
        URI id = URI.create(actorId(h, i));
        out.add(new Follower(id, URI.create(id + "/inbox"), shared ? URI.create(origins[h] + "/inbox") : null, h, i));
      }
    }
    return out;
  }

  /** The inbox URLs one publication must reach: each host's shared inbox, or each follower's own inbox. */
  List<String> expectedInboxes() {
    List<String> out = new ArrayList<>();
    if (shared) {
      for (String origin : origins) {
        out.add(origin + "/inbox");
      }
    } else {
      followers().forEach(f -> out.add(f.inbox().toString()));
    }
    return out;
  }

  String actorId(int h, int i) {
    return origins[h] + "/actors/a" + i;
  }

  String keyId(int h, int i) {
    return actorId(h, i) + "#main-key";
  }

  KeyPair keyOf(int h, int i) {
    return keys.get((h + i) % keys.size());
  }

  JsonObject actorDocument(int h, int i) {
    String id = actorId(h, i);
    JsonObject doc = new JsonObject()
        .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1"))
        .put("id", id)
        .put("type", "Person")
        .put("preferredUsername", "a" + i)
        .put("inbox", id + "/inbox")
        .put("outbox", id + "/outbox")
        .put("followers", id + "/followers");
    if (shared) {
      doc.put("endpoints", new JsonObject().put("sharedInbox", origins[h] + "/inbox"));
    }
    if (!keys.isEmpty()) {
      doc.put("publicKey", new JsonObject().put("id", keyId(h, i)).put("owner", id)
          .put("publicKeyPem", pems[(h + i) % pems.length]));
    }
    return doc;
  }

  @Override
  public void close() {
    List<Future<Void>> closed = new ArrayList<>();
    synchronized (servers) {
      servers.forEach(s -> closed.add(s.close()));
      servers.clear();
    }
    Await.result(Future.all(closed));
  }
}
