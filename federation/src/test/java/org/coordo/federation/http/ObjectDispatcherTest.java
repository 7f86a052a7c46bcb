package org.coordo.federation.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.federation.ActorType;
import org.coordo.federation.FederationConfig;
import org.coordo.federation.FederationException;
import org.coordo.federation.LocalActor;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.CavageSigner;
import org.coordo.federation.spi.ObjectDispatcher;
import org.coordo.federation.spi.ServedObject;
import org.coordo.federation.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's objects served by id through an {@link ObjectDispatcher}: ActivityStreams clients get
 * the JSON from federation, every other request goes on to the server's page route for the path.
 * Two real nodes: an open one and one in authorized-fetch mode.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectDispatcherTest {
  static final String AS_ACCEPT = "application/activity+json";
  static final String LD_ACCEPT = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

  /** Notes: "live" is served, "gone" is a Tombstone, "hidden" is not public, "refused" fails with 403. */
  static final class Notes implements ObjectDispatcher {
    final List<URI> asked = new CopyOnWriteArrayList<>();

    @Override
    public List<String> paths() {
      return List.of("/notes/{id}", "/users/{name}/notes/{id}");
    }

    @Override
    public Future<Optional<ServedObject>> find(URI id) {
      asked.add(id);
      String path = id.getPath();
      if (path.endsWith("/live")) {
        return Future.succeededFuture(Optional.of(ServedObject.found(note(id))));
      }
      if (path.endsWith("/gone")) {
        return Future.succeededFuture(Optional.of(ServedObject.gone(tombstone(id))));
      }
      if (path.endsWith("/refused")) {
        return Future.failedFuture(new FederationException(403, "not for you"));
      }
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    public String notFoundMessage() {
      return "note not found";
    }
  }

  static JsonObject note(URI id) {
    return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("id", id.toString())
        .put("type", "Note").put("content", "<p>Rendez-vous à 18 h</p>");
  }

  static JsonObject tombstone(URI id) {
    return new JsonObject().put("@context", "https://www.w3.org/ns/activitystreams").put("id", id.toString())
        .put("type", "Tombstone");
  }

  final Notes openNotes = new Notes();
  final Notes secureNotes = new Notes();
  TestNodes.Node open;
  TestNodes.Node secure;
  LocalActor signer;
  WebClient client;

  @BeforeAll
  void start(Vertx vertx, @TempDir Path dirOpen, @TempDir Path dirSecure) {
    open = TestNodes.start(vertx, dirOpen, FederationConfig::forTests, b -> b.objectDispatcher(openNotes));
    secure = TestNodes.start(vertx, dirSecure, url -> {
      FederationConfig t = FederationConfig.forTests(url);
      return new FederationConfig(t.publicUrl(), t.allowPrivateAddresses(), true, t.maxBodyBytes(),
          t.signatureWindow(), t.softwareVersion(), t.nodeName(), t.nodeMetadata());
    }, b -> b.objectDispatcher(secureNotes));
    for (TestNodes.Node node : List.of(open, secure)) {
      // the server's page route for the same paths, mounted after federation
      node.router().get("/notes/:id").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html")
          .end("<p>page of " + ctx.pathParam("id") + "</p>"));
    }
    signer = Await.result(secure.federation().context().actors().create("signer", ActorType.Person, null, null, false));
    client = WebClient.create(vertx);
  }

  @BeforeEach
  void forget() {
    openNotes.asked.clear();
    secureNotes.asked.clear();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    for (TestNodes.Node node : new TestNodes.Node[] {open, secure}) {
      if (node != null) {
        node.close();
      }
    }
  }

  HttpResponse<Buffer> get(TestNodes.Node node, String path, String accept, Map<String, String> headers) {
    var request = client.getAbs(node.base() + path);
    if (accept != null) {
      request.putHeader("Accept", accept);
    }
    headers.forEach(request::putHeader);
    return Await.result(request.send());
  }

  HttpResponse<Buffer> get(TestNodes.Node node, String path, String accept) {
    return get(node, path, accept, Map.of());
  }

  @Test
  void activityStreamsClientsGetTheObjectsDocumentFromFederation() {
    for (String accept : List.of(AS_ACCEPT, LD_ACCEPT, "application/ld+json", "text/html, " + AS_ACCEPT)) {
      HttpResponse<Buffer> r = get(open, "/notes/live", accept);
      assertEquals(200, r.statusCode(), accept);
      assertEquals("application/activity+json; charset=utf-8", r.getHeader("Content-Type"), accept);
      assertEquals("Accept", r.getHeader("Vary"), accept);
      assertEquals(note(URI.create(open.base() + "/notes/live")), r.bodyAsJsonObject(), accept);
    }
    HttpResponse<Buffer> nested = get(open, "/users/alice/notes/live", AS_ACCEPT);
    assertEquals(200, nested.statusCode());
    assertEquals(open.base() + "/users/alice/notes/live", nested.bodyAsJsonObject().getString("id"));
  }

  @Test
  void aDeletedObjectAnswers410WithItsTombstone() {
    HttpResponse<Buffer> r = get(open, "/notes/gone", AS_ACCEPT);
    assertEquals(410, r.statusCode());
    assertEquals("application/activity+json; charset=utf-8", r.getHeader("Content-Type"));
    assertEquals("Accept", r.getHeader("Vary"));
    assertEquals(tombstone(URI.create(open.base() + "/notes/gone")), r.bodyAsJsonObject());
  }

  @Test
  void anUnknownOrHiddenObjectIsAJson404WithTheDispatchersMessage() {
    for (String id : List.of("hidden", "nothing")) {
      HttpResponse<Buffer> r = get(open, "/notes/" + id, AS_ACCEPT);
      assertEquals(404, r.statusCode(), id);
      assertEquals(Responses.JSON_CONTENT_TYPE, r.getHeader("Content-Type"));
      assertEquals(new JsonObject().put("error", "note not found").put("status", 404), r.bodyAsJsonObject());
    }
    HttpResponse<Buffer> refused = get(open, "/notes/refused", AS_ACCEPT);
    assertEquals(new JsonObject().put("error", "not for you").put("status", 403), refused.bodyAsJsonObject());
    assertEquals(403, refused.statusCode());
  }

  @Test
  void everyOtherRequestGoesOnToTheServersPageRouteForThePath() {
    for (String accept : new String[] {"text/html", null, "*/*", "application/json"}) {
      HttpResponse<Buffer> r = get(open, "/notes/live", accept);
      assertEquals(200, r.statusCode(), accept);
      assertEquals("<p>page of live</p>", r.bodyAsString(), accept);
      assertNull(r.getHeader("Vary"), "passed on untouched: the page route sets its own headers");
    }
    assertEquals(List.of(), openNotes.asked, "pages are the server's: the dispatcher is not asked");
    // no page route for this path on the server: the router's 404
    assertEquals(404, get(open, "/users/alice/notes/live", "text/html").statusCode());
  }

  @Test
  void theDispatcherIsAskedForTheIdTheRequestNames() {
    get(open, "/notes/live?page=true", AS_ACCEPT);
    get(open, "/notes/%6Cive", AS_ACCEPT);
    URI id = URI.create(open.base() + "/notes/live");
    assertEquals(List.of(id, id), openNotes.asked, "the node's URL and the normalised path, without the query");
  }

  @Test
  void inAuthorizedFetchModeOnlyTheJsonFormNeedsASignature() {
    for (String id : List.of("live", "gone", "hidden")) {
      HttpResponse<Buffer> r = get(secure, "/notes/" + id, AS_ACCEPT);
      assertEquals(401, r.statusCode(), id);
      assertEquals(401, r.bodyAsJsonObject().getInteger("status"));
      assertTrue(r.bodyAsJsonObject().getString("error").contains("signed"), r.bodyAsString());
    }
    assertEquals(List.of(), secureNotes.asked, "refused before the lookup: an unsigned fetch learns nothing");
    HttpResponse<Buffer> page = get(secure, "/notes/live", "text/html");
    assertEquals(200, page.statusCode());
    assertEquals("<p>page of live</p>", page.bodyAsString());

    Map<String, String> signature = new CavageSigner(secure.base() + "/actors/signer#main-key",
        ActorKeys.privateKeyFromPem(signer.privateKeyPem()), Clock.systemUTC())
        .sign("GET", URI.create(secure.base() + "/notes/live"), null);
    HttpResponse<Buffer> signed = get(secure, "/notes/live", AS_ACCEPT, signature);
    assertEquals(200, signed.statusCode(), signed.bodyAsString());
    assertEquals("Note", signed.bodyAsJsonObject().getString("type"));
  }
}
