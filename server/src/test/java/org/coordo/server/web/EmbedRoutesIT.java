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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embeds over real HTTP on a city and a national node: only the embed routes may be framed by
 * another site, they set no cookie, their JSON is readable from any origin, and the untrusted text
 * of remote collectives is escaped.
 */
class EmbedRoutesIT {
  @TempDir
  static Path dir;
  static WebTestNode city;
  static WebTestNode national;
  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() {
    city = WebTestNode.start(dir.resolve("city"));
    national = WebTestNode.national(dir.resolve("national"));
    EmbedFixtures.event(city, "Assemblée <générale> & pique-nique", 4);
    EmbedFixtures.received(national, "lyon", "https://lyon.example/e/1", "Marche &lt;script&gt;alert(1)&lt;/script&gt;",
        "javascript:alert(1)", 5, "STRIKE", "Place Bellecour");
    EmbedFixtures.received(national, "lille", "https://lille.example/e/2", "Réunion publique à Lille",
        "https://lille.example/events/2", 6, "MEETING", "Maison des syndicats");
  }

  @AfterAll
  static void stop() {
    for (WebTestNode n : new WebTestNode[] {national, city}) {
      if (n != null) {
        n.close();
      }
    }
  }

  static HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String csp(HttpResponse<?> r) {
    return r.headers().firstValue("Content-Security-Policy").orElse("");
  }

  @Test
  void embedPagesMayBeFramedByAnySiteAndSetNoCookie() throws Exception {
    for (String url : new String[] {city.base + "/collectives/grenoble/embed?lang=en",
        national.base + "/embed/agenda?lang=en", national.base + "/embed/agenda?city=lille&category=meeting"}) {
      HttpResponse<String> r = get(url);
      assertEquals(200, r.statusCode(), url);
      assertTrue(csp(r).contains("frame-ancestors *"), url + ": " + csp(r));
      assertFalse(csp(r).contains("script-src"), "the embed page runs no script: " + csp(r));
      assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), url + " set " + r.headers().allValues("Set-Cookie"));
    }
  }

  @Test
  void everyOtherPageStillRefusesToBeFramed() throws Exception {
    for (String url : new String[] {city.base + "/", city.base + "/collectives/grenoble",
        city.base + "/collectives/grenoble/agenda", city.base + "/espace/login", city.base + "/collectives/nope/embed",
        national.base + "/", national.base + "/embed/agenda?city=Not%20a%20city"}) {
      HttpResponse<String> r = get(url, "Accept", "text/html");
      assertTrue(csp(r).contains("frame-ancestors 'none'"), url + " (" + r.statusCode() + "): " + csp(r));
      assertFalse(csp(r).contains("frame-ancestors *"), url);
    }
  }

  @Test
  void collectiveEmbedListsItsEventsEscapedWithLinksOpeningANewTab() throws Exception {
    String html = get(city.base + "/collectives/grenoble/embed?lang=fr").body();
    assertTrue(html.contains("<h1>Agenda de Collectif de Grenoble</h1>"), html);
    assertTrue(html.contains("Assemblée &lt;générale&gt; &amp; pique-nique"), html);
    assertFalse(html.contains("<générale>"));
    assertTrue(html.contains("href=\"" + city.base + "/collectives/grenoble/events/"), html);
    assertTrue(html.contains("target=\"_blank\" rel=\"noopener\""), html);
    assertTrue(html.contains("href=\"" + city.base + "/collectives/grenoble/agenda\""), "the whole agenda: " + html);
    String en = get(city.base + "/collectives/grenoble/embed", "Accept-Language", "en-GB,en;q=0.8").body();
    assertTrue(en.contains("<html lang=\"en\">") && en.contains("See the whole agenda"), en);
  }

  @Test
  void jsonOfTheEmbedIsReadableFromAnyOriginWithoutCredentials() throws Exception {
    HttpResponse<String> r = get(city.base + "/collectives/grenoble/embed.json?lang=en", "Origin", "http://elsewhere.example");
    assertEquals(200, r.statusCode());
    assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertFalse(r.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
    assertTrue(r.headers().allValues("Set-Cookie").isEmpty());
    JsonObject json = new JsonObject(r.body());
    assertEquals("en", json.getString("lang"));
    assertEquals("Collectif de Grenoble: agenda", json.getString("title"));
    JsonObject first = json.getJsonArray("items").getJsonObject(0);
    assertEquals("Assemblée <générale> & pique-nique", first.getString("title"), "plain text: the component sets it as text");
    assertTrue(first.getString("url").startsWith(city.base + "/collectives/grenoble/events/"), first.encode());
    assertEquals("No upcoming event for now.", json.getJsonObject("texts").getString("none"));
  }

  @Test
  void nationalEmbedFiltersByCityAndCategoryAndNeverLinksToAHostileUrl() throws Exception {
    String all = get(national.base + "/embed/agenda?lang=fr").body();
    assertTrue(all.contains("Marche &lt;script&gt;alert(1)&lt;/script&gt;"), "a remote title is text: " + all);
    assertFalse(all.contains("<script>"), all);
    assertFalse(all.contains("javascript:"), "a javascript: URL never becomes a link: " + all);
    assertTrue(all.contains("Réunion publique à Lille") && all.contains("Maison des syndicats"), all);

    String lille = get(national.base + "/embed/agenda?city=Lille&lang=fr").body();
    assertTrue(lille.contains("Agenda national : Collectif de lille") && lille.contains("Réunion publique à Lille"), lille);
    assertFalse(lille.contains("Marche"), lille);
    JsonObject strikes = new JsonObject(get(national.base + "/embed/agenda.json?category=strike").body());
    assertEquals(1, strikes.getJsonArray("items").size(), strikes.encode());
    assertEquals("lyon.example", URI.create(strikes.getJsonArray("items").getJsonObject(0).getString("url")).getHost(),
        "the hostile url replaced by the object's id: " + strikes.encode());
  }

  @Test
  void badFiltersAndUnknownAgendasAnswerClearErrors() throws Exception {
    assertEquals(400, get(national.base + "/embed/agenda?city=Not%20a%20city", "Accept", "text/html").statusCode());
    HttpResponse<String> json = get(national.base + "/embed/agenda.json?category=%3Cb%3E");
    assertEquals(400, json.statusCode());
    assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), json.body());
    assertEquals(400, get(city.base + "/collectives/grenoble/embed?limit=many", "Accept", "text/html").statusCode());
    assertEquals(404, get(city.base + "/collectives/nope/embed.json").statusCode());
    assertEquals(404, get(city.base + "/embed/agenda", "Accept", "text/html").statusCode(), "a city node has no national agenda");
  }

  @Test
  void collectiveAndNationalPagesOfferBothSnippets() throws Exception {
    String page = get(city.base + "/collectives/grenoble?lang=fr").body();
    assertTrue(page.contains("&lt;iframe src=\"" + city.base + "/collectives/grenoble/embed?lang=fr\""), page);
    assertTrue(page.contains("&lt;coordo-agenda src=\"" + city.base + "/collectives/grenoble/embed.json?lang=fr\""), page);
    assertTrue(page.contains("/static/coordo-agenda.js"), page);
    String home = get(national.base + "/?lang=fr").body();
    assertTrue(home.contains("&lt;iframe src=\"" + national.base + "/embed/agenda?lang=fr\""), home);
    assertEquals(200, get(city.base + "/static/coordo-agenda.js").statusCode());
    assertEquals(200, get(city.base + "/static/embed.css").statusCode());
  }
}
