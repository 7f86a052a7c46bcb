package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.coordo.federation.FollowState;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The event form as a member meets it, in a real Chromium against a city node that a national node
 * follows: a time zone chosen from a list, French decimal commas, a category that fits a collective,
 * the preview in view, the place offered again; then cancel and delete, each asking first, and nothing
 * going out to the follower before the member confirms (the group's outbox does not grow).
 */
class EventFormBrowserIT {
  @TempDir
  static Path dir;
  static WebTestNode city;
  static WebTestNode national;
  static ChromeDriver driver;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    city = WebTestNode.start(dir.resolve("city"));
    national = WebTestNode.national(dir.resolve("national"));
    driver = Browser.start(dir.resolve("profile"));
    var follows = national.node.services().national();
    await(follows.follow("@grenoble@127.0.0.1:" + city.port));
    TestNodes.waitUntil(Duration.ofSeconds(20), "the city accepted the national follow", () ->
        await(follows.follows()).stream().anyMatch(f -> f.state() == FollowState.ACCEPTED));
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

  private static WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  private static void waitForPath(String prefix) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> URI.create(d.getCurrentUrl()).getPath().startsWith(prefix));
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** How many activities the collective's group has sent: its outbox's size. */
  private static long outboxSize() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(city.base + "/actors/grenoble/outbox"))
        .header("Accept", "application/activity+json").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return new JsonObject(r.body()).getLong("totalItems");
  }

  /** The national node's agenda entry for {@code title}, or null. */
  private static JsonObject nationalEntry(String title) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(national.base + "/api/agenda?limit=50"))
          .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      JsonArray items = new JsonObject(r.body()).getJsonArray("items");
      for (int i = 0; i < items.size(); i++) {
        if (title.equals(items.getJsonObject(i).getString("name"))) {
          return items.getJsonObject(i);
        }
      }
      return null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void logIn() {
    driver.get(city.base + "/espace/login?lang=fr");
    if (!URI.create(driver.getCurrentUrl()).getPath().equals("/espace/login")) {
      return; // still signed in from the other test
    }
    byId("f-username").sendKeys(WebTestNode.EDITOR);
    byId("f-password").sendKeys(WebTestNode.PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/espace"));
  }

  /** Fills and publishes an event through the form; returns its page's path. */
  private static String publishEvent(String title, String zone, String lat, String lon) {
    driver.get(city.base + "/espace/grenoble/events/new");
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(10);
    js("document.getElementById('f-startTime').value = arguments[0];", day + "T10:00");
    byId("f-title").sendKeys(title);
    new Select(byId("f-timezone")).selectByValue(zone);
    byId("f-location-name").sendKeys("Bourse du Travail");
    byId("f-location-address").sendKeys("32 avenue de l’Europe, 38100 Grenoble");
    byId("f-location-latitude").sendKeys(lat);
    byId("f-location-longitude").sendKeys(lon);
    new Select(byId("f-category")).selectByValue("STRIKE");
    byId("f-content").sendKeys("Piquet de grève **devant le dépôt**, puis AG.");
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    waitForPath("/collectives/grenoble/events/");
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  @Test
  void theEventFormTakesAChosenZoneFrenchCommasAndOffersThePlaceAgain() {
    logIn();
    driver.manage().window().setSize(new Dimension(1280, 1000));
    driver.get(city.base + "/espace/grenoble/events/new");
    Select zone = new Select(byId("f-timezone"));
    assertEquals("Europe/Paris", zone.getFirstSelectedOption().getAttribute("value"), "the node's zone by default");
    assertTrue(zone.getFirstSelectedOption().getText().startsWith("France métropolitaine"));
    assertTrue(zone.getOptions().size() > 300, "every zone can be chosen: " + zone.getOptions().size());
    assertEquals("Résumé", driver.findElement(By.cssSelector("label[for=f-summary]")).getText());
    assertFalse(driver.findElement(By.tagName("main")).getText().contains("Chapô"));
    assertEquals(List.of("Manifestation", "Grève", "Rassemblement"), new Select(byId("f-category")).getOptions()
        .stream().skip(1).limit(3).map(WebElement::getText).toList());

    // Preview: the page comes back scrolled to the preview.
    js("document.getElementById('f-startTime').value = arguments[0];",
        LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(3) + "T10:00");
    byId("f-title").sendKeys("Aperçu");
    byId("f-content").sendKeys("Un texte *à relire*.");
    driver.findElement(By.cssSelector("button[value=preview]")).click();
    WebElement emphasis = new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(By.cssSelector(".preview em")).stream().findFirst().orElse(null));
    assertEquals("à relire", emphasis.getText());
    assertTrue(driver.getCurrentUrl().endsWith("#preview"), driver.getCurrentUrl());
    double top = ((Number) js("return document.getElementById('preview').getBoundingClientRect().top;")).doubleValue();
    double height = ((Number) js("return window.innerHeight;")).doubleValue();
    assertTrue(top >= 0 && top < height, "the preview heading is in view: top " + top + " of " + height);
    Browser.screenshot(driver, SHOTS, "20-event-preview-in-view");

    // A refused latitude says why.
    driver.get(city.base + "/espace/grenoble/events/new");
    js("document.getElementById('f-startTime').value = arguments[0];",
        LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(3) + "T10:00");
    byId("f-title").sendKeys("Coordonnées");
    byId("f-location-latitude").sendKeys("545,18");
    byId("f-location-longitude").sendKeys("5,72");
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    WebElement why = new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(By.id("f-location-latitude-error")).stream().findFirst().orElse(null));
    assertTrue(why.getText().startsWith("La latitude va de -90 à 90"), why.getText());

    // French commas and a chosen zone (French Guiana, UTC-3) are taken as typed.
    String path = publishEvent("Grève au dépôt de bus", "America/Cayenne", "45,18", "5,72");
    assertTrue(driver.findElement(By.linkText("Voir sur OpenStreetMap")).getAttribute("href")
        .startsWith("https://www.openstreetmap.org/?mlat=45.18&mlon=5.72"));
    String dd = driver.findElement(By.cssSelector("dd.p-category")).getText();
    assertEquals("Grève", dd);
    TestNodes.waitUntil(Duration.ofSeconds(30), "the event reached the national node",
        () -> nationalEntry("Grève au dépôt de bus") != null);
    JsonObject there = nationalEntry("Grève au dépôt de bus");
    assertEquals("STRIKE", there.getJsonObject("event").getString("category"), "the Coordo category crossed over");
    assertEquals("America/Cayenne", there.getJsonObject("event").getString("timezone"));
    assertEquals(13, java.time.OffsetDateTime.parse(there.getJsonObject("event").getString("startTime"))
        .atZoneSameInstant(ZoneId.of("UTC")).getHour(), "10:00 in Cayenne is 13:00 UTC");
    assertTrue(path.startsWith("/collectives/grenoble/events/"));

    // The place is offered again on the next event.
    driver.get(city.base + "/espace/grenoble/events/new");
    assertEquals(List.of("Bourse du Travail"), driver.findElements(By.cssSelector("#known-place-names option"))
        .stream().map(o -> o.getAttribute("value")).toList());
    assertEquals("known-place-names", byId("f-location-name").getAttribute("list"));
    Browser.screenshot(driver, SHOTS, "21-event-form-1280");

    // At 390 px the form fits the screen: no sideways scrolling.
    driver.manage().window().setSize(new Dimension(390, 900));
    driver.get(city.base + "/espace/grenoble/events/new");
    long width = ((Number) js("return document.documentElement.scrollWidth;")).longValue();
    long viewport = ((Number) js("return document.documentElement.clientWidth;")).longValue();
    assertTrue(width <= viewport, "no horizontal scroll at 390 px: " + width + " > " + viewport);
    long select = ((Number) js("return document.getElementById('f-timezone').getBoundingClientRect().right;"))
        .longValue();
    assertTrue(select <= viewport, "the zone list fits: " + select);
    Browser.screenshot(driver, SHOTS, "22-event-form-390");
    js("document.getElementById('f-location-name').scrollIntoView();");
    Browser.screenshot(driver, SHOTS, "23-event-form-390-place");
    // the day-of-action section (a list of known days, or a pasted address) fits too
    long day = ((Number) js("var s = document.getElementById('f-actionDayChoice');"
        + " document.querySelector('fieldset.action-day').scrollIntoView();"
        + " return s.getBoundingClientRect().right;")).longValue();
    assertTrue(day <= viewport, "the day-of-action list fits: " + day);
    Browser.screenshot(driver, SHOTS, "23b-event-form-390-day-of-action");
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }

  @Test
  void cancelAndDeleteAskFirstAndSendNothingUntilConfirmed() throws Exception {
    logIn();
    driver.manage().window().setSize(new Dimension(1280, 1000));
    String path = publishEvent("Rassemblement à annuler", "Europe/Paris", "45.19", "5.72");
    TestNodes.waitUntil(Duration.ofSeconds(30), "the event reached the national node",
        () -> nationalEntry("Rassemblement à annuler") != null);
    long sent = outboxSize();

    // Cancel: the first click only asks.
    driver.get(city.base + "/espace");
    driver.findElement(By.xpath("//tr[td[contains(., 'Rassemblement à annuler')]]//button[contains(., 'Annuler')]"))
        .click();
    WebElement heading = new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(By.id("confirm-heading")).stream().findFirst().orElse(null));
    assertEquals("Annuler l’événement « Rassemblement à annuler » ?", heading.getText());
    String explain = driver.findElement(By.cssSelector(".confirm p")).getText();
    assertTrue(explain.contains("à votre abonné·e") && explain.contains("fédivers"), explain);
    Browser.screenshot(driver, SHOTS, "24-confirm-cancel");
    assertEquals(sent, outboxSize(), "nothing sent before the confirmation");
    driver.get(city.base + path);
    assertTrue(driver.findElements(By.cssSelector(".status.cancelled")).isEmpty(), "not cancelled yet");
    assertEquals("Scheduled", nationalEntry("Rassemblement à annuler").getJsonObject("event").getString("eventStatus"));
    // "No": back to the space, still nothing sent.
    driver.get(city.base + "/espace");
    driver.findElement(By.xpath("//tr[td[contains(., 'Rassemblement à annuler')]]//button[contains(., 'Annuler')]"))
        .click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("confirm-heading")).isEmpty());
    driver.findElement(By.linkText("Non, revenir à mon espace")).click();
    waitForPath("/espace");
    assertEquals(sent, outboxSize());
    // Yes: cancelled here and on the follower.
    driver.findElement(By.xpath("//tr[td[contains(., 'Rassemblement à annuler')]]//button[contains(., 'Annuler')]"))
        .click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("confirm-heading")).isEmpty());
    driver.findElement(By.xpath("//button[contains(., 'Oui, annuler l’événement')]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector(".notice")).stream()
        .anyMatch(n -> n.getText().contains("Événement annulé")));
    assertTrue(outboxSize() > sent, "the cancellation went out once confirmed");
    TestNodes.waitUntil(Duration.ofSeconds(30), "the follower saw the cancellation", () ->
        "Cancelled".equals(nationalEntry("Rassemblement à annuler").getJsonObject("event").getString("eventStatus")));

    // Delete: the same two steps.
    long beforeDelete = outboxSize();
    driver.findElement(By.xpath("//tr[td[contains(., 'Rassemblement à annuler')]]//button[contains(., 'Supprimer')]"))
        .click();
    heading = new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(By.id("confirm-heading")).stream().findFirst().orElse(null));
    assertEquals("Supprimer définitivement « Rassemblement à annuler » ?", heading.getText());
    assertTrue(driver.findElement(By.cssSelector(".confirm p")).getText().contains("On ne peut pas revenir en arrière"));
    Browser.screenshot(driver, SHOTS, "25-confirm-delete");
    assertEquals(beforeDelete, outboxSize(), "nothing sent before the confirmation");
    assertTrue(nationalEntry("Rassemblement à annuler") != null);
    driver.findElement(By.xpath("//button[contains(., 'Supprimer définitivement')]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector(".notice")).stream()
        .anyMatch(n -> n.getText().contains("supprimée")));
    assertTrue(outboxSize() > beforeDelete, "the deletion went out once confirmed");
    TestNodes.waitUntil(Duration.ofSeconds(30), "the follower dropped the event",
        () -> nationalEntry("Rassemblement à annuler") == null);
    driver.manage().window().setSize(new Dimension(390, 900));
    driver.get(city.base + "/espace");
    Browser.screenshot(driver, SHOTS, "26-space-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }
}
