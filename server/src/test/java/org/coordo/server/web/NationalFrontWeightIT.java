package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.coordo.federation.FollowState;
import org.coordo.server.app.TestNodes;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.service.aggregation.AggregationService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The national front page with {@value #CITIES} followed collectives and their publications (each: 3
 * events in the coming weeks, 4 calls, 2 minutes): what it weighs (HTML, CSS, script) and how long the
 * node takes to answer it, printed for docs/PERFORMANCE.md and held under a budget; and the archives
 * page through every call.
 */
class NationalFrontWeightIT {
  static final int CITIES = 36;
  /** Budgets, far above what is measured, that a change doubling the page would still cross. */
  static final int HTML_BUDGET = 120_000;
  static final long MEDIAN_BUDGET_MS = 400;

  @TempDir
  static Path dir;
  static WebTestNode city;
  static WebTestNode national;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    city = WebTestNode.start(dir.resolve("city"));
    national = WebTestNode.national(dir.resolve("national"));
    var collectives = city.node.services().accounts().collectives();
    var coordination = national.node.services().national();
    for (int i = 0; i < CITIES; i++) {
      await(collectives.create(name(i), "Collectif de la ville n°" + i, "Les luttes de la ville " + i + ".", false));
      await(coordination.follow("@" + name(i) + "@127.0.0.1:" + city.port));
    }
    TestNodes.waitUntil(Duration.ofSeconds(60), "every city accepted the national follow", () ->
        await(coordination.follows()).stream().filter(f -> f.state() == FollowState.ACCEPTED).count() == CITIES);

    AggregationService aggregation = national.node.services().aggregation();
    ZonedDateTime monday = ZonedDateTime.now(ZoneId.of("Europe/Paris")).withHour(18).withMinute(0).withSecond(0)
        .withNano(0);
    Instant now = Instant.now();
    List<AggregatedItem> items = new ArrayList<>();
    String[] categories = {"MEETING", "MOVEMENTS_POLITICS", "COMMUNITY"};
    for (int i = 0; i < CITIES; i++) {
      String group = city.base + "/actors/" + name(i);
      for (int e = 0; e < 3; e++) {
        Instant start = monday.plusDays(2 + i % 5 + e * 7L).toInstant();
        items.add(item(i, AggregatedKind.EVENT, "Assemblée de lutte n°" + e + " de la ville " + i, group,
            now.minusSeconds(3600L * (i + e)), new AggregatedEvent(start, start.plusSeconds(7200), "Europe/Paris",
                "Bourse du travail, 12 rue de la République", null, null, null, "Scheduled", categories[(i + e) % 3])));
      }
      for (int c = 0; c < 4; c++) {
        items.add(item(i, AggregatedKind.CALL, "Appel n°" + c + " de la ville " + i, group,
            now.minusSeconds(600L * (i * 4 + c) + 60), null));
      }
      for (int m = 0; m < 2; m++) {
        items.add(item(i, AggregatedKind.MINUTES, "Compte rendu de l'AG n°" + m + " de la ville " + i, group,
            now.minusSeconds(900L * (i * 2 + m) + 30), null));
      }
    }
    await(aggregation.storage().call(store -> aggregation.repository().upsertAll(items)));
  }

  private static String name(int i) {
    return "ville" + i;
  }

  private static AggregatedItem item(int city, AggregatedKind kind, String title, String group, Instant published,
      AggregatedEvent event) {
    String id = group.replace("/actors/", "/collectives/") + "/" + kind.id() + "/" + Math.abs(title.hashCode());
    return new AggregatedItem(id, kind, name(city), "Collectif de la ville n°" + city, "127.0.0.1:" + WebTestNodePort.of(group),
        group, title, "Ce que dit en bref la publication « " + title + " », pour donner envie de la lire.", "<p>Texte.</p>",
        id, published, null, 0, event, published);
  }

  /** The port in an actor URL. */
  private static final class WebTestNodePort {
    static int of(String url) {
      return URI.create(url).getPort();
    }
  }

  @AfterAll
  static void stop() {
    for (WebTestNode n : new WebTestNode[] {national, city}) {
      if (n != null) {
        n.close();
      }
    }
  }

  @Test
  void theFrontPageWithThreeDozenCitiesStaysLightAndQuick() throws Exception {
    for (int i = 0; i < 5; i++) {
      get("/?lang=fr");
    }
    long[] millis = new long[30];
    String html = null;
    for (int i = 0; i < millis.length; i++) {
      long t0 = System.nanoTime();
      html = get("/?lang=fr");
      millis[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    Arrays.sort(millis);
    int htmlBytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    String css = get("/static/coordo.css");
    String js = get("/static/copy.js");
    int cssBytes = css.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    int jsBytes = js.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    System.out.printf("national front page, %d cities, %d events shown, 6 calls, 6 minutes:%n", CITIES,
        count(html, ">Assemblée de lutte n°"));
    System.out.printf("  HTML %d bytes (%d gzip), CSS %d bytes (%d gzip), JS %d bytes (%d gzip), total %d bytes (%d gzip)%n",
        htmlBytes, gzip(html), cssBytes, gzip(css), jsBytes, gzip(js), htmlBytes + cssBytes + jsBytes,
        gzip(html) + gzip(css) + gzip(js));
    System.out.printf("  time to answer (node, 30 requests): median %d ms, p90 %d ms, max %d ms%n",
        millis[15], millis[27], millis[29]);

    browserTimes();
    assertEquals(CITIES * 3, count(html, ">Assemblée de lutte n°"), "every event of the four weeks");
    assertEquals(CITIES, count(html, "class=\"meta\"><code>@ville"), "every followed city is listed with its handle");
    assertTrue(html.contains("Assemblée de lutte n°0 de la ville 35"), "the events of the last city show");
    assertTrue(htmlBytes < HTML_BUDGET, "HTML " + htmlBytes + " bytes");
    assertTrue(millis[15] < MEDIAN_BUDGET_MS, "median " + millis[15] + " ms");
  }

  @Test
  void theCallsArchivePagesThroughEveryCallOfEveryCity() throws Exception {
    Set<String> seen = new HashSet<>();
    String path = "/national/calls?lang=fr";
    int pages = 0;
    Pattern title = Pattern.compile(">(Appel n°\\d de la ville \\d+)</a>");
    Pattern next = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">");
    while (path != null) {
      String html = get(path);
      pages++;
      Matcher m = title.matcher(html);
      int onPage = 0;
      while (m.find()) {
        assertTrue(seen.add(m.group(1)), "shown once: " + m.group(1));
        onPage++;
      }
      assertTrue(onPage <= NationalArchive.PAGE, "page " + pages + " holds " + onPage);
      Matcher n = next.matcher(html);
      path = n.find() ? n.group(1).replace("&amp;", "&") : null;
    }
    assertEquals(CITIES * 4, seen.size(), "every call, once");
    assertEquals((CITIES * 4 + NationalArchive.PAGE - 1) / NationalArchive.PAGE, pages);

    String one = get("/national/calls?city=ville7&lang=fr");
    assertTrue(one.contains("Appel n°3 de la ville 7"));
    assertFalse(one.contains("de la ville 8<"), "only the city asked for");
  }

  /** Chromium's own figures for the page (navigation timing), when the browser is installed. */
  private static void browserTimes() {
    if (!Browser.available()) {
      return;
    }
    var driver = Browser.start(dir.resolve("profile"));
    try {
      driver.get(national.base + "/?lang=fr");
      for (int i = 0; i < 5; i++) {
        driver.navigate().refresh();
      }
      Object t = driver.executeScript("const n = performance.getEntriesByType('navigation')[0];"
          + "return [Math.round(n.responseStart - n.requestStart), Math.round(n.domContentLoadedEventEnd),"
          + " Math.round(n.loadEventEnd), n.transferSize, n.encodedBodySize, n.decodedBodySize];");
      System.out.println("  Chromium (warm, 1280 px): [first byte ms, DOMContentLoaded ms, load ms,"
          + " transfer bytes, encoded body bytes, decoded body bytes] = " + t);
    } finally {
      driver.quit();
    }
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  private static int gzip(String s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.size();
  }

  private static String get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(national.base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }
}
