package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coordo.federation.vocab.As;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.UserService;
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
 * An editor publishes a call "as the collective" through the form in a real Chromium: the choice is
 * on the form (French first, one line saying what it protects), the public page and the call's
 * ActivityStreams document name the collective and never the editor, the members' space says who
 * wrote it. Screenshots of the choice at 1280 and 390 px under {@code target/screenshots/}.
 */
class AsCollectiveBrowserIT {
  static final String USERNAME = "bernadettexq";
  static final String DISPLAY_NAME = "Bernadette Discrète";
  static final String PASSWORD = "a long enough password";
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");

  @TempDir static Path dir;
  static WebTestNode n;
  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    n = WebTestNode.start(dir.resolve("node"));
    TestNodes.await(n.node.services().accounts().users().create(
        new UserService.NewUser(USERNAME, DISPLAY_NAME, PASSWORD), false, Map.of(WebTestNode.COLLECTIVE, Role.EDITOR)));
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

  private static WebElement await(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  private static void waitForPath(String prefix) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> URI.create(d.getCurrentUrl()).getPath().startsWith(prefix));
  }

  static void assertAnonymous(String where, String body) {
    String lower = body.toLowerCase(Locale.ROOT);
    assertFalse(lower.contains(USERNAME), where + " names the editor's account");
    assertFalse(lower.contains("bernadette"), where + " names the editor");
  }

  /** Each test starts from a collective that names its authors (the tests share one node). */
  @org.junit.jupiter.api.BeforeEach
  void namedByDefault() {
    TestNodes.await(n.node.services().accounts().collectives().update(WebTestNode.COLLECTIVE,
        new org.coordo.server.service.account.CollectiveService.CollectiveChanges(null, null, null, false)));
  }

  @Test
  void anEditorPublishesACallAsTheCollectiveAndNeitherItsPageNorItsDocumentNameThem() {
    driver.manage().deleteAllCookies();
    driver.get(n.base + "/espace/login?lang=fr");
    driver.findElement(By.id("f-username")).sendKeys(USERNAME);
    driver.findElement(By.id("f-password")).sendKeys(PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !URI.create(d.getCurrentUrl()).getPath().startsWith("/espace/login"));

    driver.get(n.base + "/espace/grenoble/calls/new");
    WebElement legend = await(By.cssSelector("fieldset.signature legend"));
    assertEquals("Signature", legend.getText());
    WebElement help = driver.findElement(By.id("f-asCollective-help"));
    assertTrue(help.getText().startsWith("Au nom du collectif, votre nom n’apparaît nulle part en public"), help.getText());
    WebElement named = driver.findElement(By.cssSelector("input[name=asCollective][value=no]"));
    WebElement hidden = driver.findElement(By.cssSelector("input[name=asCollective][value=yes]"));
    assertTrue(named.isSelected(), "signed by default (the collective has not chosen otherwise)");
    driver.findElement(By.id("f-title")).sendKeys("Appel à la solidarité");
    driver.findElement(By.id("f-content")).sendKeys("Rendez-vous devant la mairie.");
    hidden.click();
    assertTrue(hidden.isSelected());
    shots("as-collective-form");

    ((JavascriptExecutor) driver).executeScript("arguments[0].click();",
        driver.findElement(By.cssSelector("button[name=action][value=publish]")));
    waitForPath("/collectives/grenoble/calls/");
    String href = driver.getCurrentUrl();
    // the members' space: members see who wrote it
    driver.get(n.base + "/espace");
    WebElement mark = await(By.cssSelector(".as-collective"));
    assertEquals("Publié au nom du collectif · écrit par " + USERNAME, mark.getText());

    driver.manage().deleteAllCookies();
    driver.get(href);
    WebElement meta = await(By.cssSelector("article .meta, main .meta"));
    assertTrue(meta.getText().contains("Collectif de Grenoble"), meta.getText());
    assertAnonymous("the public page", driver.getPageSource());
    shots("as-collective-page");

    HttpResponse<String> doc = TestNodes.send(HttpRequest.newBuilder(URI.create(href))
        .header("Accept", "application/activity+json").build());
    assertEquals(200, doc.statusCode());
    assertAnonymous("the ActivityStreams document", doc.body());
    assertEquals(List.of(n.base + "/actors/grenoble"), As.idsOf(new JsonObject(doc.body()), "attributedTo"));
  }

  @Test
  void anEditorMakesTheCollectiveSignatureTheDefaultAndTheFormStartsWithIt() {
    driver.manage().deleteAllCookies();
    driver.get(n.base + "/espace/login?lang=fr");
    driver.findElement(By.id("f-username")).sendKeys(WebTestNode.EDITOR);
    driver.findElement(By.id("f-password")).sendKeys(WebTestNode.PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !URI.create(d.getCurrentUrl()).getPath().startsWith("/espace/login"));

    await(By.linkText("Signature par défaut")).click();
    waitForPath("/espace/grenoble/signature");
    WebElement yes = await(By.cssSelector("input[name=asCollective][value=yes]"));
    assertFalse(yes.isSelected(), "a collective names its authors until it chooses otherwise");
    yes.click();
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    await(By.cssSelector(".notice"));
    assertTrue(driver.findElement(By.cssSelector(".notice")).getText().contains("signature par défaut"));

    driver.get(n.base + "/espace/grenoble/events/new");
    assertTrue(await(By.cssSelector("input[name=asCollective][value=yes]")).isSelected(),
        "the form starts with the collective's default");
    assertFalse(driver.findElement(By.cssSelector("input[name=asCollective][value=no]")).isSelected());
    driver.manage().deleteAllCookies();
  }

  private static void shots(String name) {
    driver.manage().window().setSize(new Dimension(1280, 1000));
    scrollTo(name.endsWith("form") ? "fieldset.signature" : "main h1");
    Browser.screenshot(driver, SHOTS, name + "-1280");
    driver.manage().window().setSize(new Dimension(390, 900));
    scrollTo(name.endsWith("form") ? "fieldset.signature" : "main h1");
    Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertTrue(overflow.intValue() <= 0, "no sideways scrolling at 390 px: " + overflow);
    Browser.screenshot(driver, SHOTS, name + "-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }

  private static void scrollTo(String css) {
    ((JavascriptExecutor) driver).executeScript(
        "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'center'});", css);
  }
}
