package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.coordo.federation.FollowState;
import org.coordo.server.app.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Two real nodes: a national node follows Grenoble's collective on a city node; an event published
 * in the city's members' space (in the browser) shows on the national node's home page, linking
 * back to its page on the city node.
 */
class NationalAgendaBrowserIT {
  @TempDir
  static Path dir;
  static WebTestNode city;
  static WebTestNode national;
  static ChromeDriver driver;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    city = WebTestNode.start(dir.resolve("city"));
    national = WebTestNode.national(dir.resolve("national"));
    driver = Browser.start(dir.resolve("profile"));
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
  void eventPublishedInTheCityShowsInTheNationalAgenda() {
    var nationalService = national.node.services().national();
    await(nationalService.follow("@grenoble@127.0.0.1:" + city.port));
    TestNodes.waitUntil(Duration.ofSeconds(20), "the city accepted the national follow", () ->
        await(nationalService.follows()).stream().anyMatch(f -> f.state() == FollowState.ACCEPTED));

    driver.get(city.base + "/espace/login?lang=fr");
    driver.findElement(By.id("f-username")).sendKeys(WebTestNode.EDITOR);
    driver.findElement(By.id("f-password")).sendKeys(WebTestNode.PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/espace"));
    driver.get(city.base + "/espace/grenoble/events/new");
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(10);
    ((JavascriptExecutor) driver).executeScript("document.getElementById('f-startTime').value = arguments[0];",
        day + "T10:00");
    driver.findElement(By.id("f-title")).sendKeys("Manifestation régionale");
    driver.findElement(By.id("f-location-name")).sendKeys("Gare de Grenoble");
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> URI.create(d.getCurrentUrl()).getPath().startsWith("/collectives/grenoble/events/"));
    String eventUrl = driver.getCurrentUrl();
    assertEquals("Publié : envoyé à 1 abonné·e dans le fédivers.",
        driver.findElement(By.cssSelector(".notice")).getText(), "the national group follows the city");

    TestNodes.waitUntil(Duration.ofSeconds(30), "the event reached the national agenda", () -> {
      driver.get(national.base + "/?lang=fr");
      return driver.findElement(By.tagName("main")).getText().contains("Manifestation régionale");
    });
    assertEquals("Agenda national", driver.findElement(By.tagName("h1")).getText());
    assertEquals(eventUrl, driver.findElement(By.linkText("Manifestation régionale")).getAttribute("href"));
    assertTrue(driver.findElement(By.id("national-calendar")).getText().contains("Gare de Grenoble"));
    Browser.screenshot(driver, SHOTS, "13-national-home");
  }
}
