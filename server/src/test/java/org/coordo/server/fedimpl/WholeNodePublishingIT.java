package org.coordo.server.fedimpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.coordo.federation.FollowState;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.vocab.As;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.convert.AsValidator;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same story as {@link PublishingFederationIT}, on two whole nodes as {@code ./coordo demo} runs
 * them (the node's modules, real accounts and sessions, the node's storage schema): collectives
 * created through accounts get their Group actors, an editor publishes over the JSON API, the
 * follower node receives, a member is refused.
 */
class WholeNodePublishingIT {
  @TempDir Path dirA;
  @TempDir Path dirB;
  Whole a;
  Whole b;

  static final class Whole implements AutoCloseable {
    final int port = freePort();
    final String base = "http://127.0.0.1:" + port;
    final Node node;

    Whole(Path dir) {
      this(dir, Map.of());
    }

    Whole(Path dir, Map<String, String> extraEnv) {
      Map<String, String> env = new HashMap<>(extraEnv);
      env.put("COORDO_PORT", String.valueOf(port));
      env.put("COORDO_PUBLIC_URL", base);
      env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
      node = Await.result(Node.start(TestNodes.config(dir, env), TestNodes.options(false)));
    }

    Accounts accounts() {
      return node.services().accounts();
    }

    String user(String name, Map<String, Role> roles) {
      Await.result(accounts().users().create(new UserService.NewUser(name, name, name + "-password-long"), false, roles));
      return Await.result(accounts().sessions().createToken(name, "test")).token();
    }

    HttpResponse<String> send(String method, String path, String token, JsonObject body) {
      HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body.encode()));
      if (body != null) {
        r.header("Content-Type", "application/json");
      }
      if (token != null) {
        r.header("Authorization", "Bearer " + token);
      }
      r.header("Accept", "application/activity+json");
      return TestNodes.send(r.build());
    }

    @Override
    public void close() {
      Await.result(node.stop());
    }

    private static int freePort() {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @AfterEach
  void tearDown() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void editorPublishesOnANodeAndTheFollowingCollectiveReceivesIt() {
    a = new Whole(dirA);
    b = new Whole(dirB);
    Await.result(a.accounts().collectives().create("grenoble", "Grenoble", "Collectif de Grenoble", false));
    Await.result(b.accounts().collectives().create("lyon", "Lyon", "Collectif de Lyon", false));
    String editor = a.user("alice", Map.of("grenoble", Role.EDITOR));
    String member = a.user("bob", Map.of("grenoble", Role.MEMBER));
    var replies = new org.coordo.federation.testkit.RecordingListener();
    b.node.services().federation().internals().listeners().on("Create", replies);
    b.node.services().federation().internals().listeners().on("Announce", replies);

    Await.result(b.node.services().federation().internals().following().follow("lyon", "@grenoble@127.0.0.1:" + a.port));
    Await.until("lyon follows grenoble", () -> Await.result(b.node.services().federation().internals().worker().executeBlocking(
            () -> b.node.services().federation().internals().follows().findFollowing("lyon", URI.create(a.base + "/actors/grenoble")),
            false))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));

    JsonObject event = new JsonObject().put("title", "Manif climat").put("timezone", "Europe/Paris")
        .put("startTime", "2030-03-16T14:00").put("content", "Manifestation pour le climat.")
        .put("location", new JsonObject().put("name", "Place Grenette").put("address", "Grenoble"))
        .put("publish", true);
    assertEquals(403, a.send("POST", "/api/collectives/grenoble/events", member, event).statusCode());
    assertEquals(401, a.send("POST", "/api/collectives/grenoble/events", null, event).statusCode());
    HttpResponse<String> created = a.send("POST", "/api/collectives/grenoble/events", editor, event);
    assertEquals(201, created.statusCode(), created.body());
    String url = new JsonObject(created.body()).getString("url");

    // B is another Coordo node (group-aware by its NodeInfo): it gets the group's FEP-1b12 Announce of the Create
    JsonObject create = Await.value("B got the announced Create", () -> replies.received().stream()
        .filter(x -> x.type().equals("Announce") && x.objectAsJson() != null
            && "Create".equals(x.objectAsJson().getString("type"))
            && url.equals(As.idOf(x.objectAsJson().getValue("object"))))
        .map(x -> x.objectAsJson()).findFirst().orElse(null));
    JsonObject object = create.getJsonObject("object");
    AsValidator.publication(object, "Event", a.base + "/actors/grenoble");
    assertTrue(object.getString("summary").startsWith("samedi 16 mars 2030 · 14:00 · Place Grenette"));
    assertTrue(As.idsOf(object, "attributedTo").contains(a.base + "/actors/alice"));
    Await.until("A's deliveries done", () -> Await.result(a.node.services().federation().internals().delivery().stats())
        .queued() == 0);
    assertEquals(1, replies.received().size(), "one activity for B: no separate Create, no plain boost");

    HttpResponse<String> doc = a.send("GET", url, null, null);
    assertEquals(200, doc.statusCode());
    AsValidator.document(new JsonObject(doc.body()), "Event");
    // the member actor named in attributedTo exists (Mastodon fetches it when boosting by URI)
    assertEquals(200, a.send("GET", "/actors/alice", null, null).statusCode());
    JsonObject upcoming = new JsonObject(a.send("GET", "/collectives/grenoble/upcoming-events?page=true", null, null).body());
    assertEquals(new JsonArray().add(url), new JsonArray(upcoming.getJsonArray("orderedItems").stream()
        .map(o -> ((JsonObject) o).getString("id")).toList()));
    // the collective's actor links its agenda (FEP-8a8e), with the term declared inline; a member's does not
    JsonObject group = new JsonObject(a.send("GET", "/actors/grenoble", null, null).body());
    assertEquals(a.base + "/collectives/grenoble/upcoming-events", group.getString("upcomingEvents"));
    assertEquals("coordo:upcomingEvents",
        group.getJsonArray("@context").getJsonObject(2).getJsonObject("upcomingEvents").getString("@id"));
    assertEquals(a.base + "/actors/grenoble", group.getString("id"));
    JsonObject person = new JsonObject(a.send("GET", "/actors/alice", null, null).body());
    assertEquals(null, person.getValue("upcomingEvents"));
  }

  @Test
  void inAuthorizedFetchModeObjectsAndCollectionsNeedASignedGetButPagesStayPublic() {
    Map<String, String> secure = Map.of("COORDO_FEDERATION_AUTHORIZED_FETCH", "true");
    a = new Whole(dirA, secure);
    b = new Whole(dirB, secure);
    Await.result(a.accounts().collectives().create("grenoble", "Grenoble", "Collectif de Grenoble", false));
    Await.result(b.accounts().collectives().create("lyon", "Lyon", "Collectif de Lyon", false));
    String editor = a.user("alice", Map.of("grenoble", Role.EDITOR));
    var received = new org.coordo.federation.testkit.RecordingListener();
    b.node.services().federation().internals().listeners().on("Announce", received);
    // both nodes sign every fetch (actors, keys), so following works between secure nodes
    Await.result(b.node.services().federation().internals().following().follow("lyon", "@grenoble@127.0.0.1:" + a.port));
    Await.until("lyon follows grenoble", () -> Await.result(b.node.services().federation().internals().worker().executeBlocking(
            () -> b.node.services().federation().internals().follows().findFollowing("lyon", URI.create(a.base + "/actors/grenoble")),
            false))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
    JsonObject event = new JsonObject().put("title", "Réunion").put("timezone", "Europe/Paris")
        .put("startTime", "2030-03-16T14:00").put("content", "Réunion publique.").put("publish", true);
    HttpResponse<String> created = a.send("POST", "/api/collectives/grenoble/events", editor, event);
    assertEquals(201, created.statusCode(), created.body());
    String url = new JsonObject(created.body()).getString("url");
    Await.until("B got the announced Create", () -> received.received().stream()
        .anyMatch(x -> x.objectAsJson() != null && url.equals(As.idOf(x.objectAsJson().getValue("object")))));

    // unsigned ActivityStreams GETs are refused: the object, its replies, the collective's collections
    for (String path : new String[] {url, url + "/replies", a.base + "/collectives/grenoble/calls",
        a.base + "/collectives/grenoble/upcoming-events", a.base + "/actors/grenoble"}) {
      assertEquals(401, a.send("GET", path, null, null).statusCode(), path);
    }
    // the web page of the same URL stays public
    HttpResponse<String> page = TestNodes.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").build());
    assertEquals(200, page.statusCode());
    // B's signed fetch (by its instance actor) reads the object
    JsonObject fetched = Await.result(b.node.services().federation().internals().fetcher().fetchActivityJson(URI.create(url)));
    assertEquals(url, fetched.getString("id"));
    assertEquals("Event", fetched.getString("type"));
  }
}
