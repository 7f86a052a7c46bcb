package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coordo.server.app.TestNodes;
import org.coordo.server.mail.SmtpSink;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A member in a real headless Chromium on a node that sends mail to a real SMTP server: saves an
 * address and confirms it from the mail, forgets the password, asks for a link, sets a new password
 * from the mailed link, signs in with it, and finds the link dead afterwards; then an editor's
 * invitation form. Every page at 390 px fits the screen; screenshots at 390 and 1280 px.
 */
class MemberMailBrowserIT {
  @TempDir
  static Path dir;
  static SmtpSink sink;
  static WebTestNode n;
  static ChromeDriver driver;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    sink = SmtpSink.start();
    n = WebTestNode.start(dir.resolve("node"), sink.nodeEnv(), TestNodes.options(true));
    await(n.node.services().accounts().users().create(new UserService.NewUser("nina", "Nina", "nina password one"),
        false, Map.of(WebTestNode.COLLECTIVE, org.coordo.server.auth.Role.MEMBER)));
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
    if (sink != null) {
      sink.close();
    }
  }

  @Test
  void aMemberResetsAForgottenPasswordFromTheMailedLink() {
    driver.manage().window().setSize(new Dimension(390, 900));
    login("nina", "nina password one");
    driver.findElement(By.linkText("Mon adresse e-mail")).click();
    waitPath("/espace/email");
    driver.findElement(By.id("f-email")).sendKeys("nina@example.org");
    fits("email-01-form-390");
    driver.findElement(By.cssSelector("main form button[value=save]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.findElement(By.id("email-current")).getText()
        .contains("nina@example.org"));
    fits("email-02-saved-390");
    driver.get(n.base + link("/espace/email/confirm/", sink.awaitOne("nina@example.org").text()));
    assertTrue(driver.findElement(By.id("email-confirmed")).getText().contains("nina@example.org"));
    fits("email-03-confirmed-390");

    driver.manage().deleteAllCookies();
    driver.get(n.base + "/espace/login?lang=fr");
    driver.findElement(By.linkText("Mot de passe oublié ?")).click();
    waitPath("/espace/password/forgot");
    driver.findElement(By.id("f-identifier")).sendKeys("nina");
    fits("reset-01-forgot-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
    Browser.screenshot(driver, SHOTS, "reset-01-forgot-1280");
    driver.manage().window().setSize(new Dimension(390, 900));
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("forgot-sent")).isEmpty());
    fits("reset-02-sent-390");

    TestNodes.waitUntil(Duration.ofSeconds(10), "the reset mail", () -> sink.receivedFor("nina@example.org").size() == 2);
    String link = link("/espace/password/reset/", sink.receivedFor("nina@example.org").get(1).text());
    driver.get(n.base + link);
    driver.findElement(By.id("f-password")).sendKeys("nina password two");
    fits("reset-03-form-390");
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("reset-done")).isEmpty());
    fits("reset-04-done-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
    Browser.screenshot(driver, SHOTS, "reset-04-done-1280");

    login("nina", "nina password two");
    assertEquals("/espace", URI.create(driver.getCurrentUrl()).getPath());
    driver.manage().window().setSize(new Dimension(390, 900));
    driver.get(n.base + link);
    assertTrue(driver.findElement(By.id("link-gone")).getText().contains("déjà servi"));
    fits("reset-05-gone-390");
  }

  @Test
  void anEditorInvitesByMailFromAPhone() {
    driver.manage().window().setSize(new Dimension(390, 900));
    login(WebTestNode.EDITOR, WebTestNode.PASSWORD);
    driver.get(n.base + "/espace/" + WebTestNode.COLLECTIVE + "/invitations");
    driver.findElement(By.id("f-email")).sendKeys("paul@example.org");
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("invite-sent")).isEmpty());
    fits("invite-01-sent-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
    Browser.screenshot(driver, SHOTS, "invite-01-sent-1280");
    assertTrue(sink.awaitOne("paul@example.org").text().contains("/invitations/"));
  }

  private static void login(String username, String password) {
    driver.manage().deleteAllCookies();
    driver.get(n.base + "/espace/login?lang=fr");
    driver.findElement(By.id("f-username")).sendKeys(username);
    driver.findElement(By.id("f-password")).sendKeys(password);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !URI.create(d.getCurrentUrl()).getPath().startsWith("/espace/login"));
  }

  private static void waitPath(String path) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> URI.create(d.getCurrentUrl()).getPath().equals(path));
  }

  /** Nothing wider than the screen; then a screenshot. */
  private static void fits(String shot) {
    long overflow = ((Number) ((JavascriptExecutor) driver)
        .executeScript("return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
    assertTrue(overflow <= 0, shot + ": the page is " + overflow + " px wider than the screen");
    Browser.screenshot(driver, SHOTS, shot);
  }

  private static String link(String path, String text) {
    Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:\\d+(" + Pattern.quote(path) + "[A-Za-z0-9_-]{43})").matcher(text);
    assertTrue(m.find(), text);
    return m.group(1);
  }
}
