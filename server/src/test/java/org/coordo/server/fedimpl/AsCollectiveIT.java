package org.coordo.server.fedimpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coordo.federation.FollowState;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.federation.vocab.As;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing as the collective, on two whole nodes: an editor with distinctive names publishes a
 * call, minutes and an event with the author hidden; nothing public on the node (pages, the
 * ActivityStreams documents a second node fetches, the outbox, RSS, Atom, iCalendar, the embed JSON,
 * the JSON API's public reads) nor the copy and the aggregation on the second node names them, the
 * collective alone signs what is delivered; the members' space and the API read by a member say who
 * wrote it; a collective's setting makes it the default.
 */
class AsCollectiveIT {
  /** Distinctive markers: any trace of the author in a public document contains one of them. */
  static final String USERNAME = "zorglubxq";
  static final String DISPLAY_NAME = "Hortense Clandestine";

  @TempDir Path dirA;
  @TempDir Path dirB;
  Whole a;
  Whole b;

  static final class Whole implements AutoCloseable {
    final int port = freePort();
    final String base = "http://127.0.0.1:" + port;
    final Node node;

    Whole(Path dir, boolean pages) {
      Map<String, String> env = new HashMap<>();
      env.put("COORDO_PORT", String.valueOf(port));
      env.put("COORDO_PUBLIC_URL", base);
      env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
      node = Await.result(Node.start(TestNodes.config(dir, env), TestNodes.options(pages)));
    }

    Accounts accounts() {
      return node.services().accounts();
    }

    String user(String name, String displayName, Map<String, Role> roles) {
      Await.result(accounts().users().create(
          new UserService.NewUser(name, displayName, name + "-password-long"), false, roles));
      return Await.result(accounts().sessions().createToken(name, "test")).token();
    }

    HttpResponse<String> send(String method, String path, String token, JsonObject body, String accept) {
      HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body.encode()));
      if (body != null) {
        r.header("Content-Type", "application/json");
      }
      if (token != null) {
        r.header("Authorization", "Bearer " + token);
      }
      r.header("Accept", accept);
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

  static void assertAnonymous(String where, String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains(USERNAME), where + " names the author's account: " + body);
    assertFalse(lower.contains(DISPLAY_NAME.toLowerCase(Locale.ROOT)), where + " names the author: " + body);
    assertFalse(lower.contains("hortense"), where + " names the author: " + body);
  }

  @Test
  void publishedAsTheCollectiveNothingPublicNorTheFederatedCopyNamesTheAuthorButMembersSeeIt() {
    a = new Whole(dirA, true);
    b = new Whole(dirB, false);
    Await.result(a.accounts().collectives().create("grenoble", "Collectif de Grenoble", "Grenoble", false));
    Await.result(b.accounts().collectives().create("lyon", "Lyon", "Collectif de Lyon", false));
    String editor = a.user(USERNAME, DISPLAY_NAME, Map.of("grenoble", Role.EDITOR));
    String member = a.user("camille", "Camille", Map.of("grenoble", Role.MEMBER));
    RecordingListener received = new RecordingListener();
    b.node.services().federation().internals().listeners().on("Announce", received);
    b.node.services().federation().internals().listeners().on("Create", received);
    Await.result(b.node.services().federation().internals().following().follow("lyon", "@grenoble@127.0.0.1:" + a.port));
    Await.until("lyon follows grenoble", () -> Await.result(b.node.services().federation().internals().worker()
            .executeBlocking(() -> b.node.services().federation().internals().follows()
                .findFollowing("lyon", URI.create(a.base + "/actors/grenoble")), false))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));

    String call = publish(editor, "calls", new JsonObject().put("title", "Appel à la grève")
        .put("content", "Tous ensemble le 12."));
    String minutes = publish(editor, "minutes", new JsonObject().put("title", "AG du 3 mars")
        .put("assemblyDate", "2030-03-03").put("content", "Compte rendu."));
    String event = publish(editor, "events", new JsonObject().put("title", "Rassemblement")
        .put("timezone", "Europe/Paris").put("startTime", "2030-03-16T14:00").put("content", "Place Grenette."));
    String group = a.base + "/actors/grenoble";

    // the copies that arrive on the second node: the collective sends and signs (the signer's actor), nobody else is named
    Await.until("B received the three", () -> received.received().stream()
        .filter(x -> x.objectAsJson() != null).count() >= 3);
    Await.until("A's deliveries done", () -> Await.result(a.node.services().federation().internals().delivery().stats())
        .queued() == 0);
    for (var in : received.received()) {
      assertEquals(URI.create(group), in.actor(), "the collective alone signs: " + in.activity());
      assertAnonymous("the activity received by B", in.activity().encode());
    }
    // the documents as the second node fetches them (signed fetch)
    for (String url : List.of(call, minutes, event)) {
      JsonObject fetched = Await.result(b.node.services().federation().internals().fetcher()
          .fetchActivityJson(URI.create(url)));
      assertEquals(List.of(group), As.idsOf(fetched, "attributedTo"), "attributedTo: the collective only");
      assertAnonymous("the ActivityStreams document of " + url, fetched.encode());
      assertAnonymous("the page of " + url, a.send("GET", url, null, null, "text/html").body());
      HttpResponse<String> page = a.send("GET", url, null, null, "text/html");
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("Collectif de Grenoble"), "the page names the collective");
    }
    // what the second node aggregated
    assertAnonymous("B's agenda", b.send("GET", "/api/agenda", null, null, "application/json").body());
    for (String kind : List.of("calls", "minutes", "events")) {
      HttpResponse<String> latest = b.send("GET", "/api/national/" + kind, null, null, "application/json");
      assertEquals(200, latest.statusCode());
      assertAnonymous("B's aggregated " + kind, latest.body());
    }
    assertTrue(b.send("GET", "/api/national/calls", null, null, "application/json").body().contains("Appel à la grève"),
        "B aggregated the call");

    // every public view on the node
    for (String path : List.of("/collectives/grenoble", "/collectives/grenoble/calls", "/collectives/grenoble/minutes",
        "/collectives/grenoble/agenda", "/collectives/grenoble/embed", "/collectives/grenoble/embed.json",
        "/collectives/grenoble/feed.rss", "/collectives/grenoble/feed.atom", "/collectives/grenoble/agenda.ics",
        "/collectives/grenoble/calls.rss", "/collectives/grenoble/calls.atom", "/collectives/grenoble/minutes.rss",
        "/collectives/grenoble/events.rss", "/collectives/grenoble/events.ics", "/actors/grenoble/outbox?page=true",
        "/collectives/grenoble/upcoming-events?page=true", "/api/collectives/grenoble/calls",
        "/api/collectives/grenoble/events", "/api/collectives/grenoble/minutes", "/")) {
      HttpResponse<String> r = a.send("GET", path, null, null, path.startsWith("/actors") || path.contains("upcoming")
          ? "application/activity+json" : "*/*");
      assertEquals(200, r.statusCode(), path);
      assertAnonymous(path, r.body());
    }
    assertTrue(a.send("GET", "/collectives/grenoble/feed.rss", null, null, "*/*").body().contains("Appel à la grève"));
    assertTrue(a.send("GET", "/collectives/grenoble/embed.json", null, null, "*/*").body().contains("Rassemblement"));
    String callId = call.substring(call.lastIndexOf('/') + 1);
    JsonObject publicApi = new JsonObject(a.send("GET", "/api/collectives/grenoble/calls/" + callId, null, null,
        "application/json").body());
    assertEquals(null, publicApi.getValue("author"));
    assertEquals(true, publicApi.getBoolean("asCollective"));

    // members see who wrote it: the members' space, the API read by a member
    String space = a.send("GET", "/espace", member, null, "text/html").body();
    assertTrue(space.contains("écrit par " + USERNAME), "the members' space names the author");
    assertEquals(USERNAME, new JsonObject(a.send("GET", "/api/collectives/grenoble/calls/" + callId, member, null,
        "application/json").body()).getString("author"));
  }

  @Test
  void theCollectiveSettingMakesItTheDefaultAndTheChoiceIsValidatedAndKept() {
    a = new Whole(dirA, false);
    Await.result(a.accounts().collectives().create("grenoble", "Grenoble", "Grenoble", false));
    String editor = a.user("alice", "Alice", Map.of("grenoble", Role.EDITOR));
    JsonObject draft = new JsonObject().put("title", "Appel").put("content", "Texte.");

    assertEquals(false, created(editor, draft.copy()).getBoolean("asCollective"), "named by default");
    HttpResponse<String> bad = a.send("POST", "/api/collectives/grenoble/calls", editor,
        draft.copy().put("asCollective", "yes"), "application/json");
    assertEquals(422, bad.statusCode(), bad.body());
    assertTrue(new JsonObject(bad.body()).getJsonObject("fields").containsKey("asCollective"));

    HttpResponse<String> patched = a.send("PATCH", "/api/collectives/grenoble", editor,
        new JsonObject().put("publishAsCollective", true), "application/json");
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals(true, new JsonObject(patched.body()).getBoolean("publishAsCollective"));
    JsonObject byDefault = created(editor, draft.copy().put("publish", true));
    assertEquals(true, byDefault.getBoolean("asCollective"), "the collective's default");
    assertEquals(false, created(editor, draft.copy().put("asCollective", false)).getBoolean("asCollective"),
        "the editor can still choose");

    // once published, the signature cannot change (it has left the node)
    HttpResponse<String> change = a.send("PUT", "/api/collectives/grenoble/calls/" + byDefault.getString("id"), editor,
        draft.copy().put("asCollective", false), "application/json");
    assertEquals(422, change.statusCode(), change.body());
    // an update that does not mention it keeps it
    HttpResponse<String> kept = a.send("PUT", "/api/collectives/grenoble/calls/" + byDefault.getString("id"), editor,
        draft.copy().put("title", "Appel modifié"), "application/json");
    assertEquals(200, kept.statusCode(), kept.body());
    assertEquals(true, new JsonObject(kept.body()).getBoolean("asCollective"));
  }

  private JsonObject created(String token, JsonObject body) {
    HttpResponse<String> r = a.send("POST", "/api/collectives/grenoble/calls", token, body, "application/json");
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  private String publish(String token, String kind, JsonObject body) {
    HttpResponse<String> r = a.send("POST", "/api/collectives/grenoble/" + kind, token,
        body.put("publish", true).put("asCollective", true), "application/json");
    assertEquals(201, r.statusCode(), r.body());
    JsonObject doc = new JsonObject(r.body());
    assertEquals(true, doc.getBoolean("asCollective"));
    return doc.getString("url");
  }

  static JsonArray ids(JsonObject o, String field) {
    return new JsonArray(As.idsOf(o, field));
  }
}
