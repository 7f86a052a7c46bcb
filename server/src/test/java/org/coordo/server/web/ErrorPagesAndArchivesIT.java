package org.coordo.server.web;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over real HTTP on a real node: browsers get error pages in their language everywhere and the
 * collective's archives as pages; API and ActivityStreams clients keep their JSON, byte for byte.
 */
class ErrorPagesAndArchivesIT {
  static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  static final String AS = "application/activity+json";
  static final String NOT_FOUND_JSON = "{\"error\":\"not found\",\"status\":404}";

  @TempDir
  static Path dir;
  static WebTestNode n;
  static HttpClient http;

  @BeforeAll
  static void start() {
    n = WebTestNode.start(dir);
    ArchiveSeed.publish(n);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    if (n != null) {
      n.close();
    }
  }

  static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(n.base + path)).timeout(Duration.ofSeconds(15))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path, String... headers) throws Exception {
    return send("GET", path, null, headers);
  }

  static void assertPage(HttpResponse<String> r, int status, String... texts) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    for (String text : texts) {
      assertTrue(r.body().contains(text), "page says «" + text + "»: " + r.body());
    }
  }

  static void assertJson(HttpResponse<String> r, int status, String body) {
    assertEquals(status, r.statusCode());
    assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals(body, r.body());
  }

  @Test
  void browsersGetTheErrorPageInTheirLanguageForAnyUnknownUrl() throws Exception {
    assertPage(get("/foo", "Accept", BROWSER), 404, "<html lang=\"fr\">", "Erreur 404",
        "Cette page n’existe pas");
    assertPage(get("/espace/nope", "Accept", BROWSER), 404, "Erreur 404");
    assertPage(get("/foo/bar?x=1", "Accept", BROWSER, "Accept-Language", "en-GB,en;q=0.8"), 404,
        "<html lang=\"en\">", "Error 404", "This page does not exist");
    assertPage(get("/foo?lang=en", "Accept", BROWSER), 404, "Error 404");
    assertPage(get("/collectives/nobody/calls", "Accept", BROWSER), 404, "Erreur 404");
  }

  @Test
  void browsersGetPagesFor405And413And400Too() throws Exception {
    assertPage(send("DELETE", "/collectives/grenoble", null, "Accept", BROWSER), 405, "Erreur 405");
    assertPage(send("POST", "/foo", "x".repeat(3 * 1024 * 1024), "Accept", BROWSER,
        "Content-Type", "application/x-www-form-urlencoded"), 413, "Erreur 413");
    assertPage(get("/collectives/grenoble/calls?cursor=%25%25", "Accept", BROWSER), 400, "Erreur 400");
    // A URL no route can read (the URL guard's refusal, before any route): a page for a browser too.
    String unreadable = raw("/collectives/%%%?x=%zz", BROWSER);
    assertTrue(unreadable.startsWith("HTTP/1.1 400"), unreadable);
    assertTrue(unreadable.contains("text/html") && unreadable.contains("Erreur 400"), unreadable);
    String json = raw("/collectives/%%%", "application/json");
    assertTrue(json.startsWith("HTTP/1.1 400") && json.contains("application/json; charset=utf-8")
        && json.endsWith("\"status\":400}"), json);
  }

  /** A GET sent as raw bytes (java.net.URI refuses malformed escapes); the whole answer as text. */
  private static String raw(String uri, String accept) throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", n.port)) {
      s.setSoTimeout(15_000);
      s.getOutputStream().write(("GET " + uri + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept
          + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void apiAndActivityStreamsClientsKeepTheirJsonErrors() throws Exception {
    HttpResponse<String> fediverse = get("/foo", "Accept", AS);
    assertJson(fediverse, 404, NOT_FOUND_JSON);
    assertEquals("Accept", fediverse.headers().firstValue("Vary").orElse(""), "a browser gets a page there");
    assertJson(get("/foo", "Accept", "application/json"), 404, NOT_FOUND_JSON);
    assertJson(get("/foo"), 404, NOT_FOUND_JSON);
    assertJson(get("/api/nothing", "Accept", BROWSER), 404, NOT_FOUND_JSON);
    assertJson(get("/api/collectives/grenoble/calls/nope", "Accept", BROWSER), 404,
        "{\"error\":\"publication not found\",\"status\":404}");
    assertJson(get("/collectives/grenoble/events", "Accept", AS), 404, NOT_FOUND_JSON);
    assertJson(send("DELETE", "/collectives/grenoble", null, "Accept", AS), 405,
        "{\"error\":\"method not allowed\",\"status\":405}");
  }

  @Test
  void callsAndMinutesStayActivityStreamsCollectionsForTheFediverse() throws Exception {
    for (String accept : new String[] {AS, "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"", "*/*"}) {
      HttpResponse<String> r = get("/collectives/grenoble/calls", "Accept", accept);
      assertEquals(200, r.statusCode(), accept);
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/activity+json"), accept);
      JsonObject doc = new JsonObject(r.body());
      assertEquals("OrderedCollection", doc.getString("type"));
      assertEquals(ArchiveSeed.COUNT, doc.getInteger("totalItems"));
    }
    HttpResponse<String> minutes = get("/collectives/grenoble/minutes?page=true", "Accept", AS);
    assertEquals("OrderedCollectionPage", new JsonObject(minutes.body()).getString("type"));
    HttpResponse<String> page = get("/collectives/grenoble/calls", "Accept", BROWSER);
    assertPage(page, 200, "Appels — Collectif de Grenoble");
    assertTrue(page.headers().allValues("Vary").toString().contains("Accept"), "a cache keeps both apart");
  }

  @Test
  void archivesPageByCursorInTheirOrder() throws Exception {
    String last = String.format("%02d", ArchiveSeed.COUNT);
    // calls: newest first, then the oldest on the second page
    HttpResponse<String> calls = get("/collectives/grenoble/calls", "Accept", BROWSER);
    assertPage(calls, 200, "Appel " + last, "Appels plus anciens");
    assertFalse(calls.body().contains(">Appel 01<"));
    assertTrue(calls.body().indexOf("Appel " + last) < calls.body().indexOf("Appel 02"));
    HttpResponse<String> older = get(next(calls.body()), "Accept", BROWSER);
    assertPage(older, 200, ">Appel 01<", "Revenir aux plus récents");
    assertFalse(older.body().contains("Appel 02"));
    assertFalse(older.body().contains("rel=\"next\""));
    // upcoming: soonest first
    HttpResponse<String> upcoming = get("/collectives/grenoble/events", "Accept", BROWSER);
    assertPage(upcoming, 200, "À venir 01", "Événements suivants");
    assertFalse(upcoming.body().contains("Passé 0"));
    assertFalse(upcoming.body().contains("À venir " + last));
    assertPage(get(next(upcoming.body()), "Accept", BROWSER), 200, "À venir " + last);
    // past: the most recent first
    HttpResponse<String> past = get("/collectives/grenoble/past-events", "Accept", BROWSER);
    assertPage(past, 200, "Passé 01", "Événements plus anciens");
    assertFalse(past.body().contains("À venir 0"));
    assertTrue(past.body().indexOf("Passé 01") < past.body().indexOf("Passé 02"));
    assertFalse(past.body().contains("Passé " + last));
    assertPage(get(next(past.body()), "Accept", BROWSER), 200, "Passé " + last);
    // minutes: none yet
    assertPage(get("/collectives/grenoble/minutes", "Accept", BROWSER, "Accept-Language", "en"), 200,
        "Assembly minutes — Collectif de Grenoble", "No minutes published.");
  }

  @Test
  void theCollectivePageLinksItsArchives() throws Exception {
    assertPage(get("/collectives/grenoble", "Accept", BROWSER), 200, "href=\"/collectives/grenoble/calls\"",
        "href=\"/collectives/grenoble/minutes\"", "href=\"/collectives/grenoble/past-events\"");
  }

  private static String next(String html) {
    Matcher m = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"").matcher(html);
    assertTrue(m.find(), "a next page link");
    return m.group(1).replace("&amp;", "&");
  }
}
