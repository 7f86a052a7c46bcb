package org.coordo.server.fedimpl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coordo.federation.testkit.Await;
import org.coordo.server.app.NodeOptions;
import org.coordo.server.app.NodeRoutes;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.AccountsFixture;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publication's id on a whole node: federation's object dispatcher answers ActivityStreams
 * clients, the web pages (or, without them, the minimal page) everything else, under the one
 * visibility rule, whatever the order in which the node mounts its modules.
 */
class PublicationObjectDispatcherIT {
  static final String AS = "application/activity+json";
  static final String LD = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
  static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  static final String NOT_FOUND = new JsonObject().put("error", "publication not found").put("status", 404).encode();

  /** How the node mounts its route groups. */
  enum Layout { PAGES_BEFORE_PUBLICATIONS, PUBLICATIONS_BEFORE_PAGES, NO_PAGES }

  @TempDir Path dir;
  final int port = freePort();
  final String base = "http://127.0.0.1:" + port;
  Served node;

  /** A node on {@link #dir} and {@link #port} (so that a restart serves the same ids). */
  final class Served implements AutoCloseable {
    final Node running;

    Served(Layout layout, Map<String, String> extraEnv) {
      // the standard order mounts the pages before the publication routes; the other order mounts
      // them last, after every other route group
      NodeOptions options = switch (layout) {
        case PAGES_BEFORE_PUBLICATIONS -> TestNodes.options(true);
        case PUBLICATIONS_BEFORE_PAGES -> TestNodes.options(false).withRoutes(NodeRoutes::pages);
        case NO_PAGES -> TestNodes.options(false);
      };
      Map<String, String> env = new HashMap<>(extraEnv);
      env.put("COORDO_PORT", String.valueOf(port));
      env.put("COORDO_PUBLIC_URL", base);
      env.put("COORDO_FEDERATION_ALLOW_PRIVATE_ADDRESSES", "true");
      running = Await.result(Node.start(TestNodes.config(dir, env), options));
    }

    @Override
    public void close() {
      Await.result(running.stop());
    }
  }

  /** What seed() created: the ids of a published call, a draft and a deleted call, and the editor's token. */
  record Seeded(String live, String draft, String deleted, String token) {}

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  Served start(Layout layout) {
    return start(layout, Map.of());
  }

  Served start(Layout layout, Map<String, String> env) {
    if (node != null) {
      node.close();
    }
    node = new Served(layout, env);
    return node;
  }

  Seeded seed() {
    var accounts = node.running.services().accounts();
    Await.result(accounts.collectives().create("grenoble", "Grenoble", "Collectif de Grenoble", false));
    Await.result(accounts.users().create(new UserService.NewUser("alice", "Alice", "alice-password-long"), false,
        Map.of("grenoble", Role.EDITOR)));
    String token = Await.result(accounts.sessions().createToken("alice", "test")).token();
    String live = create(token, "Appel à la grève", true);
    String draft = create(token, "Brouillon", false);
    String deleted = create(token, "À supprimer", true);
    HttpResponse<String> gone = send("DELETE", URI.create(base + "/api/collectives/grenoble/calls/"
        + deleted.substring(deleted.lastIndexOf('/') + 1)), null, token);
    assertEquals(204, gone.statusCode(), gone.body());
    return new Seeded(live, draft, deleted, token);
  }

  String create(String token, String title, boolean publish) {
    JsonObject call = new JsonObject().put("title", title).put("content", "Nous appelons à la **grève**.")
        .put("publish", publish);
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/collectives/grenoble/calls"))
        .POST(HttpRequest.BodyPublishers.ofString(call.encode())).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).build();
    HttpResponse<String> created = TestNodes.send(r);
    assertEquals(201, created.statusCode(), created.body());
    return new JsonObject(created.body()).getString("url");
  }

  static HttpResponse<String> send(String method, URI url, String accept, String token) {
    HttpRequest.Builder r = HttpRequest.newBuilder(url).method(method, HttpRequest.BodyPublishers.noBody());
    if (accept != null) {
      r.header("Accept", accept);
    }
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return TestNodes.send(r.build());
  }

  static HttpResponse<String> get(String url, String accept) {
    return send("GET", URI.create(url), accept, null);
  }

  /** Status, the headers that negotiation decides and the body of every form of every id. */
  Map<String, String> everyForm(Seeded s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String url : List.of(s.live(), s.draft(), s.deleted(), base + "/collectives/grenoble/calls/0unknown",
        base + "/collectives/grenoble/minutes/" + s.live().substring(s.live().lastIndexOf('/') + 1))) {
      for (String accept : new String[] {AS, LD, BROWSER, "text/html", "*/*", "application/json", null}) {
        HttpResponse<String> r = get(url, accept);
        StringBuilder b = new StringBuilder().append(r.statusCode());
        for (String header : List.of("Content-Type", "Vary", "Link", "Content-Security-Policy", "Cache-Control")) {
          b.append('\n').append(header).append(": ").append(r.headers().allValues(header));
        }
        out.put(url + " (" + accept + ")", b.append("\n\n").append(r.body()).toString());
      }
    }
    return out;
  }

  @Test
  void anIdIsServedIdenticallyWhateverTheOrderOfTheModules() {
    start(Layout.PAGES_BEFORE_PUBLICATIONS);
    Seeded s = seed();
    Map<String, String> pagesFirst = everyForm(s);
    String page = get(s.live(), BROWSER).body();
    assertTrue(page.matches("(?s).*<article class=\"\\s*h-entry\\s+publication\">.*"), "the web page, not the minimal one: "
        + page);

    start(Layout.PUBLICATIONS_BEFORE_PAGES);
    Map<String, String> publicationsFirst = everyForm(s);
    assertEquals(pagesFirst.keySet(), publicationsFirst.keySet());
    for (String form : pagesFirst.keySet()) {
      assertEquals(pagesFirst.get(form), publicationsFirst.get(form), form);
    }
    HttpResponse<String> json = get(s.live(), AS);
    assertEquals(200, json.statusCode());
    assertEquals("application/activity+json; charset=utf-8", json.headers().firstValue("Content-Type").orElse(""));
    assertEquals("Article", new JsonObject(json.body()).getString("type"));
  }

  @Test
  void aDraftAnswers404InBothFormsAndOnlyItsMembersPreviewItsPage() {
    start(Layout.PAGES_BEFORE_PUBLICATIONS);
    Seeded s = seed();
    for (String accept : List.of(AS, LD)) {
      HttpResponse<String> json = get(s.draft(), accept);
      assertEquals(404, json.statusCode());
      assertEquals(NOT_FOUND, json.body());
      assertEquals(404, send("GET", URI.create(s.draft()), accept, s.token()).statusCode(),
          "servers never see a draft, whoever asks");
    }
    HttpResponse<String> page = get(s.draft() + "?lang=fr", BROWSER);
    assertEquals(404, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("Cette page n’existe pas ou a été supprimée."), page.body());
    assertFalse(page.body().contains("Brouillon"));
    HttpResponse<String> preview = send("GET", URI.create(s.draft()), BROWSER, s.token());
    assertEquals(200, preview.statusCode());
    assertTrue(preview.body().contains("Brouillon"), "a member previews the draft on its page");

    start(Layout.NO_PAGES);
    for (String accept : new String[] {AS, BROWSER, null}) {
      HttpResponse<String> r = get(s.draft(), accept);
      assertEquals(404, r.statusCode(), accept);
      assertEquals(NOT_FOUND, r.body(), accept);
    }
  }

  @Test
  void aDeletedPublicationAnswers410WithATombstoneOrAGonePage() {
    start(Layout.PAGES_BEFORE_PUBLICATIONS);
    Seeded s = seed();
    for (Layout layout : List.of(Layout.PAGES_BEFORE_PUBLICATIONS, Layout.NO_PAGES)) {
      if (layout == Layout.NO_PAGES) {
        start(layout);
      }
      HttpResponse<String> json = get(s.deleted(), AS);
      assertEquals(410, json.statusCode(), layout.name());
      assertEquals("application/activity+json; charset=utf-8", json.headers().firstValue("Content-Type").orElse(""));
      JsonObject tombstone = new JsonObject(json.body());
      assertEquals("Tombstone", tombstone.getString("type"));
      assertEquals(s.deleted(), tombstone.getString("id"));
      HttpResponse<String> page = get(s.deleted() + "?lang=fr", BROWSER);
      assertEquals(410, page.statusCode(), layout.name());
      assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertFalse(page.body().contains("À supprimer"));
      assertTrue(page.body().contains(layout == Layout.NO_PAGES ? "Cette publication a été supprimée."
          : "Cette page n’existe pas ou a été supprimée."), page.body());
    }
  }

  @Test
  void inAuthorizedFetchModeOnlyTheJsonFormNeedsASignature() {
    start(Layout.PAGES_BEFORE_PUBLICATIONS, Map.of("COORDO_FEDERATION_AUTHORIZED_FETCH", "true"));
    Seeded s = seed();
    for (String url : List.of(s.live(), s.draft(), s.deleted(), base + "/collectives/grenoble/calls/0unknown")) {
      HttpResponse<String> unsigned = get(url, AS);
      assertEquals(401, unsigned.statusCode(), url);
      assertEquals(401, new JsonObject(unsigned.body()).getInteger("status"));
    }
    HttpResponse<String> page = get(s.live(), BROWSER);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Appel à la grève"));
    assertEquals(404, get(s.draft(), BROWSER).statusCode());
    // a signed fetch (by the node's instance actor, verified like anyone's) reads the object
    JsonObject fetched = Await.result(node.running.services().federation().internals().fetcher()
        .fetchActivityJson(URI.create(s.live())));
    assertEquals(s.live(), fetched.getString("id"));
    assertEquals("Article", fetched.getString("type"));
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
