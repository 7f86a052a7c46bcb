package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An editor in a real headless Chromium publishes an event for the members only: the form's choice
 * (French first, one-line explanations) at 1280 and 390 px, the event's page marked "Interne", the
 * members' space with the badge, the private calendar link made, renewed (the old one then 404s);
 * signed out, the event's page is a plain 404.
 */
class MembersOnlyBrowserIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static ChromeDriver driver;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    n = WebTestNode.start(dir.resolve("node"));
    driver = Browser.start(dir.resolve("profile"));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (n != null) {
      n.close();
    }
  }

  private static WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void waitForPath(String prefix) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> URI.create(d.getCurrentUrl()).getPath().startsWith(prefix));
  }

  private static void fitsA390Screen(String what) {
    driver.manage().window().setSize(new Dimension(390, 900));
    long overflow = ((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
    assertTrue(overflow <= 0, what + " is " + overflow + " px wider than a 390 px screen");
  }

  @Test
  void anEditorPublishesForMembersOnlyAndTheEventIsMarkedInternalAndHiddenFromOthers() throws Exception {
    driver.get(n.base + "/espace/login?lang=fr");
    byId("f-username").sendKeys(WebTestNode.EDITOR);
    byId("f-password").sendKeys(WebTestNode.PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    waitForPath("/espace");

    driver.manage().window().setSize(new Dimension(1280, 1000));
    driver.get(n.base + "/espace/grenoble/events/new");
    WebElement choice = driver.findElement(By.cssSelector("fieldset.visibility-choice"));
    assertTrue(choice.getText().contains("Qui peut la voir ?"), choice.getText());
    assertTrue(choice.getText().contains("Les membres du collectif uniquement (interne)"), choice.getText());
    assertTrue(driver.findElement(By.cssSelector("input[name=visibility][value=public]")).isSelected(),
        "public is the default");
    js("arguments[0].scrollIntoView()", choice);
    Browser.screenshot(driver, SHOTS, "members-only-01-form-choice-1280");
    fitsA390Screen("the form");
    js("arguments[0].scrollIntoView()", choice);
    Browser.screenshot(driver, SHOTS, "members-only-02-form-choice-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));

    LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(10);
    js("document.getElementById('f-startTime').value = arguments[0];", day + "T18:30");
    byId("f-title").sendKeys("AG interne de préparation");
    byId("f-content").sendKeys("Ordre du jour : **stratégie** pour la grève.");
    driver.findElement(By.cssSelector("input[name=visibility][value=members]")).click();
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    waitForPath("/collectives/grenoble/events/");
    String path = URI.create(driver.getCurrentUrl()).getPath();
    WebElement mark = driver.findElement(By.cssSelector(".internal-mark"));
    assertTrue(mark.getText().contains("Interne") && mark.getText().contains("Réservé aux membres"), mark.getText());
    assertTrue(driver.findElement(By.cssSelector(".notice")).getText().contains("rien n’a été envoyé"),
        "the notice says nothing went out");
    Browser.screenshot(driver, SHOTS, "members-only-03-page-marked-1280");
    fitsA390Screen("the event's page");
    Browser.screenshot(driver, SHOTS, "members-only-04-page-marked-390");

    // the event's own .ics ("add to my calendar") works for its members
    String eventIcs = driver.findElement(By.cssSelector("a[href$='event.ics']")).getAttribute("href");
    assertTrue(eventIcs.contains(path), eventIcs);
    assertFalse(driver.getPageSource().contains("id=\"replies\""), "no replies can come: nothing was sent out");
    driver.get(n.base + "/espace");
    WebElement badge = driver.findElement(By.cssSelector(".internal-badge"));
    assertTrue(badge.getText().contains("Interne"));
    js("arguments[0].scrollIntoView({block: 'center'})", badge);
    Browser.screenshot(driver, SHOTS, "members-only-05-space-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
    Browser.screenshot(driver, SHOTS, "members-only-06-space-1280");

    // the private calendar: made, listed with its date, renewed (the old link is then unknown)
    driver.findElement(By.cssSelector(".private-calendar button")).click();
    waitForPath("/espace/agenda-prive");
    String first = byId("calendar-url").getAttribute("value");
    Browser.screenshot(driver, SHOTS, "members-only-07-calendar-link-1280");
    String ics = TestNodes.get(n.port, URI.create(first).getRawPath()).body();
    assertTrue(ics.contains("[interne] AG interne de préparation"), ics);
    driver.get(n.base + "/espace");
    assertTrue(driver.findElement(By.cssSelector(".private-calendar")).getText().contains("Renouveler le lien"));
    driver.findElement(By.cssSelector(".private-calendar button")).click();
    waitForPath("/espace/agenda-prive");
    String second = byId("calendar-url").getAttribute("value");
    assertFalse(first.equals(second));
    assertEquals(404, TestNodes.get(n.port, URI.create(first).getRawPath()).statusCode(), "the old link is revoked");
    assertEquals(200, TestNodes.get(n.port, URI.create(second).getRawPath()).statusCode());

    // signed out: the page does not exist
    driver.manage().deleteAllCookies();
    driver.get(n.base + path);
    assertFalse(driver.getPageSource().contains("AG interne de préparation"));
    assertEquals(404, TestNodes.get(n.port, path).statusCode());
  }
}
