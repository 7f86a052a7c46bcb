package org.coordo.server.app.crash;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.testkit.SinkServer;

/**
 * A follower's server on 127.0.0.1: a {@link SinkServer} that serves one {@code Person} ({@code
 * /actors/f}, with its own RSA key, inbox and shared inbox {@code /inbox}), records what the node
 * delivers to it (verifying signatures against the node's keys it was told to trust) and answers
 * after {@code answerDelay}, so that deliveries are in flight when the node is killed. It also signs
 * the activities its actor sends to the node.
 */
final class FollowerHost implements AutoCloseable {
  static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

  final SinkServer sink;
  private final KeyPair keys = ActorKeys.generate();
  private final Clock clock = Clock.systemUTC();

  FollowerHost(Vertx vertx, Duration answerDelay) {
    sink = SinkServer.start(vertx, clock).delay(answerDelay);
    String id = actorId();
    sink.serve("/actors/f", new JsonObject()
        .put("@context", new JsonArray().add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1"))
        .put("id", id)
        .put("type", "Person")
        .put("preferredUsername", "f")
        .put("inbox", id + "/inbox")
        .put("outbox", id + "/outbox")
        .put("followers", id + "/followers")
        .put("endpoints", new JsonObject().put("sharedInbox", sink.url("/inbox").toString()))
        .put("publicKey", new JsonObject().put("id", id + "#main-key").put("owner", id)
            .put("publicKeyPem", ActorKeys.toPem(keys.getPublic()))));
  }

  String actorId() {
    return sink.url("/actors/f").toString();
  }

  /** {@code Follow} of {@code group}. */
  JsonObject follow(String group) {
    return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
        .put("id", actorId() + "/follows/1").put("type", "Follow").put("actor", actorId()).put("object", group);
  }

  /** {@code Create} of a public reply {@code n} to {@code publication}. */
  JsonObject reply(int n, String publication) {
    String base = sink.url("/").toString();
    JsonObject note = new JsonObject().put("id", base + "notes/" + n).put("type", "Note")
        .put("attributedTo", actorId()).put("inReplyTo", publication)
        .put("content", "<p>Réponse n°" + n + "</p>").put("published", clock.instant().toString())
        .put("to", new JsonArray().add(PUBLIC));
    return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams")
        .put("id", base + "activities/" + n).put("type", "Create").put("actor", actorId())
        .put("to", new JsonArray().add(PUBLIC)).put("object", note);
  }

  /** A POST of {@code activity} to {@code inbox}, signed (draft-cavage) by this host's actor now. */
  HttpRequest signedPost(URI inbox, JsonObject activity) {
    byte[] body = activity.encode().getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(inbox).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/activity+json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    Map<String, String> headers = new CavageSigner(actorId() + "#main-key", keys.getPrivate(), clock)
        .sign("POST", inbox, body);
    headers.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("Host")) { // the client sends the same Host itself
        request.header(name, value);
      }
    });
    return request.build();
  }

  /** The Create and Announce POSTs the node made to this host, with valid signatures or not. */
  List<SinkServer.Received> publications() {
    return sink.received().stream().filter(r -> r.method().equals("POST") && r.body() != null
        && Set.of("Create", "Announce").contains(r.body().getString("type"))).toList();
  }

  /** The distinct activity ids of {@link #publications()}. */
  Set<String> publicationIds() {
    Set<String> ids = new HashSet<>();
    publications().forEach(r -> ids.add(r.activityId()));
    return ids;
  }

  boolean receivedAccept() {
    return sink.received().stream().anyMatch(r -> r.body() != null && "Accept".equals(r.body().getString("type")));
  }

  @Override
  public void close() {
    sink.close();
  }
}
