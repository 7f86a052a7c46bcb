package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.coordo.federation.FollowState;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.publication.ActionDay;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.service.publication.Publishing;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A day of action's page on the national node (issue 17), over real federation on loopback: a city node
 * hosts four collectives (Grenoble, Lille, Brest, Strasbourg) that the national node follows; the national
 * group publishes a day of action; Grenoble links three events to it (one cancelled), Lille one, Brest one
 * without coordinates, Strasbourg none. The page lists them by city and time, draws one marker per placed
 * event on its own map, lists Brest's beside the map and Strasbourg as not answered, and links the feeds;
 * bad and unknown ids are the 404 page. The browser test looks at it at 1280 and 390 px.
 */
class DayPageIT {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final List<String> CITIES = List.of("grenoble", "lille", "brest", "strasbourg");
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");
  static final Principal CITY_EDITOR = new Principal("u-alice", "alice", false,
      Map.of("grenoble", Role.EDITOR, "lille", Role.EDITOR, "brest", Role.EDITOR, "strasbourg", Role.EDITOR));
  static final Principal NATIONAL_EDITOR = new Principal("u-nora", "nora", false, Map.of("national", Role.EDITOR));

  @TempDir
  static Path dir;
  static WebTestNode city;
  static WebTestNode national;
  static ChromeDriver driver;
  static LocalDate date;
  static String dayId;
  static String dayUri;

  @BeforeAll
  static void start() {
    city = WebTestNode.start(dir.resolve("city"));
    var collectives = city.node.services().accounts().collectives();
    await(collectives.create("lille", "Lille en lutte", "Les luttes lilloises.", false));
    await(collectives.create("brest", "Brest solidaire", "Les luttes brestoises.", false));
    await(collectives.create("strasbourg", "Collectif de Strasbourg", "Les luttes strasbourgeoises.", false));
    national = WebTestNode.national(dir.resolve("national"));
    var coordination = national.node.services().national();
    for (String name : CITIES) {
      await(coordination.follow("@" + name + "@127.0.0.1:" + city.port));
    }
    TestNodes.waitUntil(Duration.ofSeconds(30), "the four collectives accepted the national follow", () ->
        await(coordination.follows()).stream().filter(f -> f.state() == FollowState.ACCEPTED).count() == CITIES.size());

    date = LocalDate.now(PARIS).plusDays(10);
    Publishing n = national.node.services().publishing();
    Publication call = await(n.service.create(NATIONAL_EDITOR, "national", PublicationKind.CALL,
        new PublicationInput("Tous et toutes dans la rue", "Une journée nationale dans toutes nos villes.",
            "Organisons, dans toutes nos villes, un cortège.", "fr", List.of(), null, null, null, null,
            new ActionDay(date, null, "Contre la réforme des retraites", PARIS)), true));
    dayId = call.id();
    dayUri = n.uris.object(call.key()).toString();

    Publishing p = city.node.services().publishing();
    event(p, "grenoble", "Manifestation", "Place Grenette", 14, 45.1885, 5.7245, dayUri, false);
    event(p, "grenoble", "Rassemblement à la gare", "Gare de Grenoble", 10, 45.1915, 5.7146, dayUri, false);
    event(p, "grenoble", "AG du soir", "Bourse du travail", 19, 45.1760, 5.7320, dayUri, true);
    event(p, "lille", "Cortège lillois", "Porte de Paris", 15, 50.6330, 3.0670, dayUri, false);
    event(p, "brest", "Rassemblement au port", "Port de commerce", 11, null, null, dayUri, false);
    event(p, "strasbourg", "Réunion sans lien", "Place Kléber", 18, 48.583, 7.746, null, false);
    TestNodes.waitUntil(Duration.ofSeconds(30), "the national node gathered five events for the day", () ->
        await(national.node.services().actionDays().overview(dayId)).events().size() == 5
            && await(national.node.services().actionDays().overview(dayId)).events().stream()
                .anyMatch(e -> e.isCancelled()));
  }

  private static void event(Publishing p, String collective, String title, String place, int hour, Double lat,
      Double lon, String dayUri, boolean cancelled) {
    ZonedDateTime start = date.atTime(hour, 0).atZone(PARIS);
    Publication e = await(p.service.create(CITY_EDITOR, collective, PublicationKind.EVENT, new PublicationInput(title,
        null, "Venez nombreuses et nombreux.", "fr", List.of(), null, new EventDetails(start.toInstant(),
            start.plusHours(2).toInstant(), PARIS, new EventLocation(place, place, null, lat, lon, null),
            EventStatus.Scheduled, EventCategory.DEMONSTRATION, dayUri)), true));
    if (cancelled) {
      await(p.service.cancel(CITY_EDITOR, e.key()));
    }
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    for (WebTestNode n : new WebTestNode[] {national, city}) {
      if (n != null) {
        n.close();
      }
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Accept", "text/html").header("Accept-Language", "fr").build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theDaysPageListsEveryCitysEventsByTimeAndDrawsThemOnItsMap() throws Exception {
    HttpResponse<String> r = get(national.base + "/days/" + dayId);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
    Document doc = Jsoup.parse(r.body());
    assertEquals("Tous et toutes dans la rue", doc.selectFirst("h1").text());
    assertEquals("Contre la réforme des retraites", doc.getElementById("day-theme").text());
    assertEquals(date.toString(), doc.getElementById("day-dates").attr("datetime"));
    assertTrue(doc.getElementById("day-counts").text().contains("5, dans 3 villes"),
        doc.getElementById("day-counts").text());

    Elements cities = doc.select(".day-city");
    assertEquals(List.of("Brest solidaire", "Collectif de Grenoble", "Lille en lutte"),
        cities.stream().map(c -> c.selectFirst("h3 a").text()).toList());
    Element grenoble = cities.get(1);
    assertEquals("@grenoble@127.0.0.1:" + city.port, grenoble.selectFirst(".handle").text());
    assertEquals(List.of("Rassemblement à la gare", "Manifestation", "AG du soir"),
        grenoble.select("li > a").stream().map(Element::text).toList(), "by start time");
    assertTrue(grenoble.select("li .meta").get(0).text().startsWith("10:00 · Gare de Grenoble"),
        grenoble.select("li .meta").get(0).text());
    Element cancelled = grenoble.select("li").get(2);
    assertTrue(cancelled.hasClass("cancelled"));
    assertEquals("Annulé", cancelled.selectFirst(".badge").text());
    for (Element link : doc.select(".day-city li > a")) {
      assertTrue(link.attr("href").startsWith(city.base + "/collectives/"), "each event links to its page: " + link);
    }

    Element svg = doc.selectFirst("#day-map svg");
    assertEquals("img", svg.attr("role"));
    assertFalse(svg.attr("aria-label").isBlank());
    Elements markers = svg.select("circle.marker");
    assertEquals(4, markers.size(), "Grenoble's three events and Lille's; Brest's has no coordinates");
    assertEquals(1, svg.select("circle.marker.cancelled").size());
    Map<String, Element> byTitle = new java.util.HashMap<>();
    for (Element m : markers) {
      String tooltip = m.selectFirst("title").text();
      byTitle.put(tooltip.split(" — ")[1], m);
    }
    assertTrue(Double.parseDouble(byTitle.get("Cortège lillois").attr("cy"))
        < Double.parseDouble(byTitle.get("Manifestation").attr("cy")), "Lille is drawn north of Grenoble");
    assertEquals(List.of("Rassemblement au port"), doc.select(".off-map li > a").stream().map(Element::text).toList());

    Element waiting = doc.getElementById("day-not-answered");
    assertNotNull(waiting);
    assertEquals(List.of("Collectif de Strasbourg @strasbourg@127.0.0.1:" + city.port),
        waiting.select("li").stream().map(Element::text).toList());

    // the page loads nothing from elsewhere: no external script, style, image or font
    for (Element e : doc.select("script[src], link[href], img[src], image, use")) {
      String ref = e.hasAttr("src") ? e.attr("src") : e.attr("href");
      assertTrue(ref.startsWith("/") || ref.isEmpty() || e.is("link[rel=alternate]"), "a local reference: " + e);
    }

    // its feeds answer, with the day's events
    String ics = get(national.base + doc.getElementById("day-ics").attr("href")).body();
    assertTrue(ics.contains("BEGIN:VCALENDAR") && ics.contains("Cortège lillois"), ics);
    String rss = get(national.base + doc.getElementById("day-rss").attr("href")).body();
    assertTrue(rss.contains("<rss") && rss.contains("Rassemblement au port"), rss);
  }

  @Test
  void unknownAndMalformedIdsAreTheNotFoundPage() throws Exception {
    for (String path : List.of("/days/nope", "/days/" + "x".repeat(65), "/days/a.b", "/days/%C3%A9t%C3%A9",
        "/days/%00", "/days/r0123456789abcdef01234567")) {
      HttpResponse<String> r = get(national.base + path);
      assertTrue(r.statusCode() == 404 || r.statusCode() == 400, path + " → " + r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
      assertTrue(Jsoup.parse(r.body()).selectFirst("h1") != null, path + " is the error page");
    }
    HttpResponse<String> city404 = get(city.base + "/days/" + dayId);
    assertEquals(404, city404.statusCode(), "the national day's local id means nothing on the city node");
  }

  @Test
  void theDaysPageAddressCopiedFromTheBrowserLinksACitysEventToTheDay() throws Exception {
    // a server that asks the page for ActivityStreams is sent to the day's call
    HttpResponse<String> asked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(national.base + "/days/" + dayId)).header("Accept", "application/activity+json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(303, asked.statusCode(), asked.body());
    assertEquals(dayUri, asked.headers().firstValue("Location").orElseThrow());
    assertEquals("Accept", asked.headers().firstValue("Vary").orElseThrow());
    HttpResponse<String> page = get(national.base + "/days/" + dayId);
    assertTrue(page.headers().firstValue("Link").orElseThrow().contains("<" + dayUri + ">"), page.headers().toString());
    HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(national.base + "/days/r0123456789abcdef01234567")).header("Accept", "application/activity+json")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, unknown.statusCode(), "an unknown day sends nobody anywhere");

    // so the city's editors may paste the national page's address as the day their event answers
    assertEquals(dayUri, await(city.node.services().actionDays().requireLinkable(national.base + "/days/" + dayId)));
  }

  @Test
  void theNationalFrontPageAndAgendaAnnounceTheDay() throws Exception {
    for (String path : List.of("/", "/national/events")) {
      Document doc = Jsoup.parse(get(national.base + path).body());
      Element box = doc.getElementById("upcoming-days");
      assertNotNull(box, path);
      Element link = box.selectFirst("a");
      assertEquals("/days/" + dayId, link.attr("href"), path);
      assertEquals("Tous et toutes dans la rue", link.text());
    }
  }

  @Test
  void aBrowserShowsTheDaysListAndMap() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    driver = Browser.start(dir.resolve("profile"));
    driver.manage().window().setSize(new Dimension(1280, 1400));
    driver.get(national.base + "/days/" + dayId + "?lang=fr");
    assertEquals("Tous et toutes dans la rue", driver.findElement(By.tagName("h1")).getText());
    WebElement map = driver.findElement(By.cssSelector("#day-map svg"));
    assertTrue(map.isDisplayed());
    assertTrue(map.getSize().getWidth() > 300, "the map takes room: " + map.getSize());
    List<WebElement> markers = driver.findElements(By.cssSelector("#day-map circle.marker"));
    assertEquals(4, markers.size());
    for (WebElement m : markers) {
      assertTrue(m.isDisplayed());
    }
    String list = driver.findElement(By.cssSelector(".day-list")).getText();
    assertTrue(list.contains("Collectif de Grenoble") && list.contains("Cortège lillois") && list.contains("Annulé"),
        list);
    Browser.screenshot(driver, SHOTS, "day-of-action-1280");

    // a marker leads to its event
    String href = driver.findElement(By.cssSelector("#day-map a")).getDomAttribute("href");
    assertTrue(href.startsWith(city.base + "/collectives/"), href);

    driver.manage().window().setSize(new Dimension(390, 2400));
    driver.get(national.base + "/days/" + dayId + "?lang=fr");
    assertTrue((Long) driver.executeScript("return document.documentElement.scrollWidth;") <= 390,
        "nothing wider than a phone's screen");
    assertTrue(driver.findElement(By.cssSelector("#day-map svg")).getSize().getWidth() >= 300);
    Browser.screenshot(driver, SHOTS, "day-of-action-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
    driver.get(national.base + "/?lang=fr");
    assertTrue(driver.findElement(By.id("upcoming-days")).getText().contains("Tous et toutes dans la rue"));
    Browser.screenshot(driver, SHOTS, "day-of-action-front-1280");
  }
}
