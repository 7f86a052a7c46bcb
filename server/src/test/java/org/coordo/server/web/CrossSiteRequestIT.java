package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.auth.CrossSiteGuard;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.service.publication.Publishing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes riding on the session cookie, over real HTTP on a whole node: what a page on another site
 * (or a sibling subdomain, or a browser without SameSite) can send is refused with 403; the node's
 * own pages, JSON from its own origin, and bearer-token scripts go through.
 */
class CrossSiteRequestIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static String session;
  static final Principal ALICE = new Principal("u-alice", "alice", false, Map.of("grenoble", Role.EDITOR));
  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final String CALL = "{\"title\":\"Appel piégé\",\"content\":\"Texte.\",\"language\":\"fr\",\"publish\":true}";

  @BeforeAll
  static void start() throws Exception {
    n = WebTestNode.start(dir);
    HttpResponse<String> login = send("POST", "/api/session", "application/json",
        new JsonObject().put("username", WebTestNode.EDITOR).put("password", WebTestNode.PASSWORD).encode());
    assertEquals(200, login.statusCode(), login.body());
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    session = setCookie.substring(0, setCookie.indexOf(';'));
  }

  @AfterAll
  static void stop() {
    if (n != null) {
      n.close();
    }
  }

  static HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(n.base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Publication draft(String title) {
    return await(n.node.services().publishing().service.create(ALICE, "grenoble", PublicationKind.CALL,
        new PublicationInput(title, null, "Texte.", "fr", List.of(), null, null), false));
  }

  static boolean isPublished(Publication p) {
    return await(n.node.services().publishing().service.get(Optional.of(ALICE),
        new PublicationKey("grenoble", PublicationKind.CALL, p.id()))).isPublished();
  }

  static long titled(String title) {
    Publishing p = n.node.services().publishing();
    return await(p.service.list(Optional.of(ALICE), "grenoble", PublicationKind.CALL, true, null, 100)).items()
        .stream().filter(x -> x.title().equals(title)).count()
        + await(p.service.list(Optional.of(ALICE), "grenoble", PublicationKind.CALL, false, null, 100)).items()
        .stream().filter(x -> x.title().equals(title)).count();
  }

  static void assertRefusedAsJson(HttpResponse<String> r) {
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    assertEquals(CrossSiteGuard.MESSAGE, new JsonObject(r.body()).getString("error"));
  }

  @Test
  void aTextPlainPostRidingOnTheSessionCookieIsRefused() throws Exception {
    assertRefusedAsJson(send("POST", "/api/collectives/grenoble/calls", "text/plain", CALL, "Cookie", session));
    assertRefusedAsJson(send("POST", "/api/collectives/grenoble/calls", "text/plain;charset=UTF-8", CALL,
        "Cookie", session, "Origin", n.base));
    assertRefusedAsJson(send("POST", "/api/collectives/grenoble/calls", null, CALL, "Cookie", session));
    assertEquals(0, titled("Appel piégé"), "nothing was created");
    assertRefusedAsJson(send("POST", "/api/session", "text/plain", new JsonObject()
        .put("username", WebTestNode.EDITOR).put("password", WebTestNode.PASSWORD).encode()));
  }

  @Test
  void anEmptyFormPostToPublishIsRefusedAndTheDraftStaysADraft() throws Exception {
    Publication d = draft("Brouillon visé");
    assertRefusedAsJson(send("POST", "/api/collectives/grenoble/calls/" + d.id() + "/publish",
        "application/x-www-form-urlencoded", "", "Cookie", session));
    assertRefusedAsJson(send("POST", "/api/collectives/grenoble/calls/" + d.id() + "/publish",
        "multipart/form-data; boundary=x", "--x--\r\n", "Cookie", session));
    HttpResponse<String> page = send("POST", "/espace/grenoble/calls/" + d.id() + "/publish",
        "application/x-www-form-urlencoded", "", "Cookie", session, "Accept", "text/html");
    assertEquals(403, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(page.body().contains("Cette demande ne vient pas d’une page de ce site"), page.body());
    HttpResponse<String> wrongToken = send("POST", "/espace/grenoble/calls/" + d.id() + "/publish",
        "application/x-www-form-urlencoded", "csrf=" + "A".repeat(43), "Cookie", session + "; coordo_csrf=" + "B".repeat(43));
    assertEquals(403, wrongToken.statusCode());
    assertFalse(isPublished(d), "still a draft");
  }

  @Test
  void jsonFromAnotherOriginIsRefused() throws Exception {
    for (String origin : List.of("https://evil.example", "null", "http://127.0.0.1:1", "http://localhost:" + n.port,
        "https://127.0.0.1:" + n.port)) {
      assertRefusedAsJson(send("POST", "/api/collectives/grenoble/calls", "application/json", CALL,
          "Cookie", session, "Origin", origin));
    }
    Publication d = draft("Brouillon à garder");
    assertRefusedAsJson(send("POST", "/api/collectives/grenoble/calls/" + d.id() + "/publish", "application/json",
        null, "Cookie", session, "Origin", "https://evil.example"));
    assertRefusedAsJson(send("DELETE", "/api/collectives/grenoble/calls/" + d.id(), null, null,
        "Cookie", session, "Origin", "https://evil.example"));
    assertEquals(0, titled("Appel piégé"));
    assertFalse(isPublished(d), "neither published nor deleted");
  }

  @Test
  void theNodesOriginIsComparedAsAnOriginNotAsText() throws Exception {
    String upper = n.base.toUpperCase(java.util.Locale.ROOT);
    for (String origin : List.of(upper, n.base + "/", n.base.replace("http://", "http://user@"))) {
      HttpResponse<String> created = send("POST", "/api/collectives/grenoble/calls", "application/json",
          CALL.replace("Appel piégé", "Appel de " + origin.strip()), "Cookie", session, "Origin", origin);
      assertEquals(201, created.statusCode(), origin + ": " + created.body());
    }
  }

  @Test
  void jsonFromTheNodesOwnOriginOrFromAScriptWithoutOriginGoesThrough() throws Exception {
    HttpResponse<String> created = send("POST", "/api/collectives/grenoble/calls", "application/json",
        CALL.replace("Appel piégé", "Appel du site"), "Cookie", session, "Origin", n.base);
    assertEquals(201, created.statusCode(), created.body());
    Publication d = draft("Brouillon du script");
    HttpResponse<String> published = send("POST", "/api/collectives/grenoble/calls/" + d.id() + "/publish",
        "application/json; charset=utf-8", null, "Cookie", session);
    assertEquals(200, published.statusCode(), published.body());
    assertTrue(isPublished(d));
    Publication doomed = draft("Brouillon à jeter");
    assertEquals(204, send("DELETE", "/api/collectives/grenoble/calls/" + doomed.id(), null, null,
        "Cookie", session).statusCode(), "a script's DELETE (always preflighted in a browser) needs no body");
  }

  @Test
  void aPageTokenInTheHeaderLetsAScriptOfThePageWrite() throws Exception {
    HttpResponse<String> form = send("GET", "/espace/login", null, null);
    String csrfCookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("coordo_csrf="))
        .findFirst().orElseThrow();
    String token = csrfCookie.substring("coordo_csrf=".length(), csrfCookie.indexOf(';'));
    HttpResponse<String> r = send("POST", "/api/collectives/grenoble/calls", "text/plain",
        CALL.replace("Appel piégé", "Appel avec jeton"), "Cookie", session + "; coordo_csrf=" + token,
        "X-CSRF-Token", token);
    assertEquals(201, r.statusCode(), r.body());
  }

  @Test
  void bearerTokenCallsNeedNeitherFormTokenNorJson() throws Exception {
    HttpResponse<String> issued = send("POST", "/api/me/tokens", "application/json", "{\"label\":\"script\"}",
        "Cookie", session, "Origin", n.base);
    assertEquals(201, issued.statusCode(), issued.body());
    String bearer = "Bearer " + new JsonObject(issued.body()).getString("token");
    HttpResponse<String> created = send("POST", "/api/collectives/grenoble/calls", "application/json",
        CALL.replace("Appel piégé", "Appel du robot"), "Authorization", bearer);
    assertEquals(201, created.statusCode(), created.body());
    Publication d = draft("Brouillon du robot");
    HttpResponse<String> published = send("POST", "/api/collectives/grenoble/calls/" + d.id() + "/publish", null, null,
        "Authorization", bearer);
    assertEquals(200, published.statusCode(), published.body());
    assertTrue(isPublished(d));
  }
}
