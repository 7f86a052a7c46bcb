package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.federation.FollowState;
import org.coordo.server.app.TestNodes;
import org.coordo.server.domain.mail.Subscriber;
import org.coordo.server.mail.SmtpSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real Chromium, a national node with mail on (sending to an SMTP server on loopback) that follows
 * Grenoble's collective on a city node: on the national agenda filtered by Grenoble, the subscribe
 * form has Grenoble ticked; subscribing sends one confirmation mail; its link, opened in the
 * browser, shows a button that confirms and leads to the manage page with that city.
 */
class NationalSubscriptionBrowserIT {
  static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/subscriptions/confirm/[A-Za-z0-9_-]{43})");
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");

  @TempDir
  static Path dir;
  static SmtpSink sink;
  static WebTestNode city;
  static WebTestNode national;
  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    sink = SmtpSink.start();
    city = WebTestNode.start(dir.resolve("city"), sink.nodeEnv());
    national = WebTestNode.national(dir.resolve("national"), sink.nodeEnv());
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
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  void subscribeFromTheAgendaFilteredByACityAndConfirmInTheBrowser() {
    var coordination = national.node.services().national();
    await(coordination.follow("@grenoble@127.0.0.1:" + city.port));
    TestNodes.waitUntil(Duration.ofSeconds(20), "the city accepted the national follow", () ->
        await(coordination.follows()).stream().anyMatch(f -> f.state() == FollowState.ACCEPTED));

    driver.manage().window().setSize(new Dimension(1280, 1000));
    driver.get(national.base + "/?city=grenoble&lang=fr");
    WebElement form = driver.findElement(By.id("subscribe-form"));
    WebElement grenoble = form.findElement(By.id("subscribe-city-grenoble"));
    assertTrue(grenoble.isSelected(), "the city being viewed is ticked");
    driver.executeScript("arguments[0].scrollIntoView()", form);
    Browser.screenshot(driver, SHOTS, "subscribe-national-1280");
    driver.manage().window().setSize(new Dimension(390, 1400));
    driver.executeScript("arguments[0].scrollIntoView()", form);
    Browser.screenshot(driver, SHOTS, "subscribe-national-390");

    form.findElement(By.id("subscribe-email")).sendKeys("zoe@example.org");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("subs-sent")).isEmpty());
    assertEquals("Vérifiez votre boîte mail", driver.findElement(By.tagName("h1")).getText());
    Browser.screenshot(driver, SHOTS, "subscribe-sent-390");

    SmtpSink.Received mail = sink.awaitOne("zoe@example.org");
    Matcher m = LINK.matcher(mail.text());
    assertTrue(m.find(), mail.text());
    driver.get(m.group(1));
    assertFalse(driver.findElements(By.id("confirm-button")).isEmpty());
    assertTrue(driver.findElement(By.id("subscription-cities")).getText().contains("Grenoble"));
    Browser.screenshot(driver, SHOTS, "subscribe-confirm-390");
    assertTrue(subscribers().isEmpty(), "opening the link confirms nothing");

    driver.findElement(By.id("confirm-button")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> URI.create(d.getCurrentUrl()).getPath().startsWith("/subscriptions/manage/"));
    assertTrue(driver.findElement(By.id("subs-notice")).getText().startsWith("C’est confirmé"));
    assertTrue(driver.findElement(By.id("subscription-cities")).getText().contains("Grenoble"),
        driver.findElement(By.id("subscription-cities")).getText());
    assertTrue(driver.findElement(By.id("manage-city-grenoble")).isSelected());
    Browser.screenshot(driver, SHOTS, "subscribe-manage-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
    Browser.screenshot(driver, SHOTS, "subscribe-manage-1280");

    List<Subscriber> listed = subscribers();
    assertEquals(1, listed.size());
    assertEquals(Set.of("grenoble"), listed.get(0).cities());
    assertEquals(national.base + URI.create(driver.getCurrentUrl()).getPath(), listed.get(0).manageUrl());
    assertEquals(1, sink.received().size(), "one confirmation mail, nothing else");
  }

  @Test
  void aCollectivePageOffersTheFormWithoutCities() {
    driver.manage().window().setSize(new Dimension(1280, 1000));
    driver.get(city.base + "/collectives/grenoble?lang=fr");
    WebElement form = driver.findElement(By.id("subscribe-form"));
    assertTrue(form.findElements(By.cssSelector("input[name=city]")).isEmpty(), "a collective has no cities to pick");
    assertEquals("grenoble", form.findElement(By.cssSelector("input[name=scope]")).getAttribute("value"));
    driver.executeScript("arguments[0].scrollIntoView()", form);
    Browser.screenshot(driver, SHOTS, "subscribe-collective-1280");
    driver.manage().window().setSize(new Dimension(390, 1400));
    driver.executeScript("arguments[0].scrollIntoView()", form);
    Browser.screenshot(driver, SHOTS, "subscribe-collective-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }

  private static List<Subscriber> subscribers() {
    var services = national.node.services();
    String group = services.national().groupName();
    return await(services.platform().storage().call(store -> services.subscriptions().subscribers()
        .confirmed(group, null, 10)));
  }
}
