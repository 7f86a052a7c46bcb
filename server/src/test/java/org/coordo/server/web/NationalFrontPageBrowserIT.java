package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.coordo.federation.FollowState;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.MinutesDetails;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.service.publication.Publishing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A national node following two collectives of a city node (Grenoble and Lyon): its front page shows
 * the calls, minutes and events of both, and the city and category filters (a plain GET form) narrow
 * the page, its feed links and the feeds themselves.
 */
class NationalFrontPageBrowserIT {
  @TempDir
  static Path dir;
  static WebTestNode city;
  static WebTestNode national;
  static ChromeDriver driver;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");
  static final Principal EDITOR = new Principal("u-alice", "alice", false,
      Map.of("grenoble", Role.EDITOR, "lyon", Role.EDITOR));

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    city = WebTestNode.start(dir.resolve("city"));
    await(city.node.services().accounts().collectives().create("lyon", "Collectif de Lyon",
        "Les luttes lyonnaises.", false));
    national = WebTestNode.national(dir.resolve("national"));
    driver = Browser.start(dir.resolve("profile"));

    var coordination = national.node.services().national();
    await(coordination.follow("@grenoble@127.0.0.1:" + city.port));
    await(coordination.follow("@lyon@127.0.0.1:" + city.port));
    TestNodes.waitUntil(Duration.ofSeconds(20), "both collectives accepted the national follow", () ->
        await(coordination.follows()).stream().filter(f -> f.state() == FollowState.ACCEPTED).count() == 2);

    Publishing p = city.node.services().publishing();
    ZonedDateTime soon = ZonedDateTime.now(ZoneId.of("Europe/Paris")).plusDays(2).withHour(18).withMinute(0)
        .withSecond(0).withNano(0);
    event(p, "grenoble", "Réunion du comité de lutte", "Local syndical", soon, EventCategory.MEETING);
    event(p, "lyon", "Manifestation contre la réforme", "Place Bellecour", soon.plusDays(1),
        EventCategory.DEMONSTRATION);
    post(p, "grenoble", PublicationKind.CALL, "Appel à la grève à Grenoble", null);
    post(p, "lyon", PublicationKind.CALL, "Appel lyonnais au rassemblement", null);
    post(p, "grenoble", PublicationKind.MINUTES, "AG grenobloise du 3 mars",
        new MinutesDetails(soon.toLocalDate().minusDays(10), "Bourse du travail", "32 présent·es", List.of()));
  }

  private static void event(Publishing p, String collective, String title, String place, ZonedDateTime start,
      EventCategory category) {
    await(p.service.create(EDITOR, collective, PublicationKind.EVENT, new PublicationInput(title, null,
        "Venez nombreuses et nombreux.", "fr", List.of(), null, new EventDetails(start.toInstant(),
            start.plusHours(2).toInstant(), ZoneId.of("Europe/Paris"),
            new EventLocation(place, place, null, null, null, null), EventStatus.Scheduled, category)), true));
  }

  private static void post(Publishing p, String collective, PublicationKind kind, String title, MinutesDetails m) {
    await(p.service.create(EDITOR, collective, kind, new PublicationInput(title, "En bref : " + title,
        "Texte de " + title + ".", "fr", List.of(), m, null), true));
  }

  /** Waits for the page the filter form leads to (the click returns before the browser has navigated). */
  private static void awaitUrl(String part) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains(part));
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

  @Test
  void frontPageShowsCallsMinutesAndEventsOfEveryCityAndFiltersNarrowItAndItsFeeds() throws Exception {
    TestNodes.waitUntil(Duration.ofSeconds(30), "every publication reached the national front page", () -> {
      driver.get(national.base + "/?lang=fr");
      String main = driver.findElement(By.tagName("main")).getText();
      return main.contains("Réunion du comité de lutte") && main.contains("Manifestation contre la réforme")
          && main.contains("Appel à la grève à Grenoble") && main.contains("Appel lyonnais au rassemblement")
          && main.contains("AG grenobloise du 3 mars");
    });
    driver.manage().window().setSize(new Dimension(1280, 1600));
    Browser.screenshot(driver, SHOTS, "national-front-1280");
    assertEquals("Agenda national", driver.findElement(By.tagName("h1")).getText());
    String calendar = text("#national-calendar");
    assertTrue(calendar.contains("Réunion du comité de lutte") && calendar.contains("Manifestation contre la réforme"),
        calendar);
    assertTrue(text("#national-calls + ul").contains("Appel lyonnais au rassemblement"));
    assertTrue(text("#national-minutes + ul").contains("AG grenobloise du 3 mars"));
    String aside = text("aside.follow");
    assertTrue(aside.contains("@national@127.0.0.1:" + national.port), aside);
    assertTrue(aside.contains("Collectif de Grenoble") && aside.contains("@grenoble@127.0.0.1:" + city.port), aside);
    assertTrue(aside.contains("Collectif de Lyon") && aside.contains("@lyon@127.0.0.1:" + city.port), aside);
    assertEquals("/collectives/national/follow",
        URI.create(driver.findElement(By.cssSelector("aside.follow form")).getAttribute("action")).getPath());

    driver.findElement(By.linkText("Liste")).click();
    assertTrue(text("#national-list").contains("Place Bellecour"));

    // By city, through the form.
    driver.get(national.base + "/?lang=fr");
    new Select(driver.findElement(By.id("city"))).selectByVisibleText("Collectif de Lyon");
    driver.findElement(By.cssSelector("form.filter button[type=submit]")).click();
    awaitUrl("city=lyon");
    String main = text("main");
    assertTrue(main.contains("Manifestation contre la réforme") && main.contains("Appel lyonnais au rassemblement"));
    assertFalse(main.contains("Réunion du comité de lutte") || main.contains("Appel à la grève à Grenoble")
        || main.contains("AG grenobloise du 3 mars"), main);
    for (WebElement feed : driver.findElements(By.cssSelector("#national-feeds a"))) {
      assertTrue(feed.getAttribute("href").contains("city=lyon"), feed.getAttribute("href"));
    }
    String rss = get(driver.findElement(By.cssSelector("#national-feeds a[type='application/rss+xml']"))
        .getAttribute("href"));
    assertTrue(rss.contains("Appel lyonnais au rassemblement") && !rss.contains("Appel à la grève à Grenoble"), rss);

    // By category, through the form (keeping no city).
    driver.get(national.base + "/?lang=fr");
    new Select(driver.findElement(By.id("category"))).selectByValue("MEETING");
    driver.findElement(By.cssSelector("form.filter button[type=submit]")).click();
    awaitUrl("category=MEETING");
    calendar = text("#national-calendar");
    assertTrue(calendar.contains("Réunion du comité de lutte"), calendar);
    assertFalse(calendar.contains("Manifestation contre la réforme"), calendar);
    assertFalse(text("main").contains("Appel lyonnais au rassemblement"));
    String icsLink = driver.findElement(By.cssSelector("#national-feeds a[type='text/calendar']")).getAttribute("href");
    assertTrue(icsLink.contains("category=MEETING"), icsLink);
    String ics = get(icsLink);
    assertTrue(ics.contains("Réunion du comité de lutte") && !ics.contains("Manifestation contre la réforme"), ics);
    Browser.screenshot(driver, SHOTS, "national-front-filtered-1280");

    driver.manage().window().setSize(new Dimension(390, 2400));
    driver.get(national.base + "/?lang=fr");
    assertTrue(driver.findElement(By.cssSelector("#national-calendar")).isDisplayed());
    assertTrue((Long) driver.executeScript("return document.documentElement.scrollWidth;") <= 390,
        "nothing wider than a phone's screen");
    Browser.screenshot(driver, SHOTS, "national-front-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }

  @Test
  void theNationalGroupsPageAndTheArchivesShowWhatTheCitiesPublished() {
    TestNodes.waitUntil(Duration.ofSeconds(30), "the calls reached the national archive", () -> {
      driver.get(national.base + "/national/calls?lang=fr");
      return text("main").contains("Appel lyonnais au rassemblement") && text("main").contains("Appel à la grève à Grenoble");
    });
    assertEquals("Appels de toutes les villes", driver.findElement(By.tagName("h1")).getText());
    new Select(driver.findElement(By.id("city"))).selectByVisibleText("Collectif de Grenoble");
    driver.findElement(By.cssSelector("form.filter button[type=submit]")).click();
    // the filtered page has replaced the first one before it is read (else its main element goes stale)
    TestNodes.waitUntil(Duration.ofSeconds(10), "the filtered archive", () -> driver.getCurrentUrl().contains("city="));
    assertTrue(text("main").contains("Appel à la grève à Grenoble"));
    assertFalse(text("main").contains("Appel lyonnais au rassemblement"));
    Browser.screenshot(driver, SHOTS, "national-archive-calls-1280");

    driver.get(national.base + "/national/events?category=DEMONSTRATION&lang=fr");
    assertTrue(text("main").contains("Manifestation contre la réforme"));
    assertFalse(text("main").contains("Réunion du comité de lutte"));

    driver.get(national.base + "/collectives/national?lang=fr");
    assertEquals("Agenda national", driver.findElement(By.tagName("h1")).getText());
    assertTrue(text("main").contains("AG grenobloise du 3 mars"), "the group's page is the front page");
    Browser.screenshot(driver, SHOTS, "national-group-page-1280");
  }

  private static String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url);
    return r.body();
  }
}
