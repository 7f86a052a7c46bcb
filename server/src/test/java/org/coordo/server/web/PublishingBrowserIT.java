package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A member in a real headless Chromium against a real node: log in (a wrong password first), publish
 * an event (a missing title first), find it on the collective's page and in the agenda, cancel it,
 * and read the English page through the switcher. Screenshots go to {@code <build dir>/screenshots}.
 */
class PublishingBrowserIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static ChromeDriver driver;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed (apt-get install -y chromium chromium-driver)");
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

  @org.junit.jupiter.api.BeforeEach
  void signedOut() {
    driver.get(n.base + "/static/coordo.css");
    driver.manage().deleteAllCookies();
  }

  private static void open(String path) {
    driver.get(n.base + path);
  }

  private static WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  /** The first element matching {@code by} once it is there (a form posted back to its own URL). */
  private static WebElement await(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  /** Waits for the notice a redirect after POST shows, so an assertion never reads the previous page. */
  private static WebElement awaitNotice(String containing) {
    return new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector(".notice"))
        .stream().filter(n -> n.getText().contains(containing)).findFirst().orElse(null));
  }

  /** After the login form: the redirect away from {@code /espace/login} (which itself starts with /espace). */
  private static void waitForLogin() {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !URI.create(d.getCurrentUrl()).getPath().startsWith("/espace/login"));
  }

  private static void waitForPath(String prefix) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> URI.create(d.getCurrentUrl()).getPath().startsWith(prefix));
  }

  private static void setValue(String id, String value) {
    ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
  }

  @Test
  void memberPublishesThenCancelsAnEventAndVisitorsSeeIt() throws Exception {
    // Log in: a wrong password shows its error next to the password field.
    open("/espace/login?lang=fr");
    Browser.screenshot(driver, SHOTS, "01-login");
    byId("f-username").sendKeys(WebTestNode.EDITOR);
    byId("f-password").sendKeys("not the password");
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    WebElement wrong = await(By.id("f-password-error"));
    assertEquals("Nom d’utilisateur·ice ou mot de passe incorrect.", wrong.getText());
    assertEquals("true", byId("f-password").getAttribute("aria-invalid"));
    assertTrue(byId("f-password").getAttribute("aria-describedby").contains("f-password-error"));
    Browser.screenshot(driver, SHOTS, "02-login-error");
    byId("f-password").sendKeys(WebTestNode.PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    waitForLogin();
    assertTrue(driver.getPageSource().contains("Collectif de Grenoble"));

    // A new event: without a title, the error shows next to the title field.
    driver.findElement(By.linkText("Nouvel événement")).click();
    waitForPath("/espace/grenoble/events/new");
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(1).withDayOfMonth(15);
    setValue("f-startTime", day + "T18:30");
    setValue("f-endTime", day + "T21:00");
    byId("f-location-name").sendKeys("Place Grenette");
    byId("f-location-address").sendKeys("Place Grenette, 38000 Grenoble");
    byId("f-location-latitude").sendKeys("45.1885");
    byId("f-location-longitude").sendKeys("5.7245");
    new Select(byId("f-category")).selectByValue("DEMONSTRATION");
    byId("f-content").sendKeys("Rassemblement **unitaire** contre la fermeture de la maternité.");
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    assertEquals("Ce champ est obligatoire.", await(By.id("f-title-error")).getText());
    assertEquals("Place Grenette", byId("f-location-name").getAttribute("value"), "typed values are kept");
    Browser.screenshot(driver, SHOTS, "03-event-form-error");
    byId("f-title").sendKeys("Rassemblement pour la maternité");
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    waitForPath("/collectives/grenoble/events/");
    String eventPath = URI.create(driver.getCurrentUrl()).getPath();
    assertEquals("Rassemblement pour la maternité", driver.findElement(By.cssSelector("h1.p-name")).getText());
    String when = driver.findElement(By.cssSelector("time.dt-start")).getText();
    assertTrue(when.contains("18:30") && when.contains("21:00"), when);
    assertTrue(driver.findElement(By.cssSelector(".p-location")).getText().contains("Place Grenette"));
    assertTrue(driver.findElement(By.linkText("Voir sur OpenStreetMap")).getAttribute("href")
        .startsWith("https://www.openstreetmap.org/?mlat=45.1885&mlon=5.7245"));
    Browser.screenshot(driver, SHOTS, "04-event");

    // Visitors: the collective's page and the agenda of that month list it.
    open("/collectives/grenoble");
    assertTrue(driver.findElement(By.cssSelector("section[aria-labelledby=upcoming]")).getText()
        .contains("Rassemblement pour la maternité"));
    WebElement copy = driver.findElement(By.cssSelector("button.copy"));
    assertTrue(copy.isDisplayed(), "the served script shows the copy button");
    assertEquals("@grenoble@" + URI.create(n.base).getAuthority(), byId("handle").getText());
    Browser.screenshot(driver, SHOTS, "05-collective");
    long weight = pageWeight("/collectives/grenoble");
    System.out.println("[web] collective page weight (HTML+CSS+JS): " + weight + " bytes");
    assertTrue(weight < 30_000, "collective page stays light: " + weight);
    open("/collectives/grenoble/agenda?month=" + day.toString().substring(0, 7));
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Rassemblement pour la maternité"));
    new Select(byId("category")).selectByValue("PARTY");
    driver.findElement(By.cssSelector("form.filter button")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("category=PARTY")
        && !d.findElements(By.tagName("main")).isEmpty());
    assertFalse(driver.findElement(By.tagName("main")).getText().contains("Rassemblement pour la maternité"),
        "another category hides it");
    open("/collectives/grenoble/agenda?month=" + day.toString().substring(0, 7) + "&category=DEMONSTRATION");
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Rassemblement pour la maternité"));
    Browser.screenshot(driver, SHOTS, "06-agenda");

    // Cancel it from the members' space: its page says so plainly.
    open("/espace");
    driver.findElement(By.xpath("//tr[td[contains(., 'Rassemblement pour la maternité')]]//button[contains(., 'Annuler')]"))
        .click();
    // the first click asks; the second step cancels
    await(By.xpath("//button[contains(., 'Oui, annuler l’événement')]")).click();
    awaitNotice("Événement annulé");
    Browser.screenshot(driver, SHOTS, "07-space");
    open(eventPath);
    assertEquals("Cet événement est annulé.", driver.findElement(By.cssSelector(".status.cancelled")).getText());
    Browser.screenshot(driver, SHOTS, "08-event-cancelled");
    open("/collectives/grenoble");
    assertTrue(driver.findElement(By.cssSelector("section[aria-labelledby=upcoming] .badge")).getText().contains("Annulé"));

    // English through the switcher (and it sticks).
    open(eventPath);
    driver.findElement(By.linkText("English")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    assertEquals("This event is cancelled.", driver.findElement(By.cssSelector(".status.cancelled")).getText());
    Browser.screenshot(driver, SHOTS, "09-event-en");
    open("/collectives/grenoble");
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Follow this collective"));
    Browser.screenshot(driver, SHOTS, "10-collective-en");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 900));
    Browser.screenshot(driver, SHOTS, "11-collective-mobile");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
    open("/");
    Browser.screenshot(driver, SHOTS, "12-home-en");
  }

  @Test
  void memberWritesACallWithAnAttachmentAsDraftThenEditsPreviewsAndPublishes() throws Exception {
    open("/espace/login?lang=fr");
    if (URI.create(driver.getCurrentUrl()).getPath().equals("/espace/login")) {
      byId("f-username").sendKeys(WebTestNode.EDITOR);
      byId("f-password").sendKeys(WebTestNode.PASSWORD);
      driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      waitForLogin();
    }
    Path pdf = java.nio.file.Files.write(dir.resolve("tract.pdf"),
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    open("/espace/grenoble/calls/new");
    byId("f-title").sendKeys("Appel brouillon");
    byId("f-content").sendKeys("Tous et toutes *dans la rue* le 14.");
    byId("f-attachment").sendKeys(pdf.toAbsolutePath().toString());
    driver.findElement(By.cssSelector("button[value=draft]")).click();
    awaitNotice("Brouillon enregistré");
    assertTrue(driver.findElement(By.xpath("//tr[td[contains(., 'Appel brouillon')]]")).getText().contains("Brouillon"));

    driver.findElement(By.xpath("//tr[td[contains(., 'Appel brouillon')]]//a[contains(., 'Modifier')]")).click();
    waitForPath("/espace/grenoble/calls/");
    assertEquals(1, driver.findElements(By.cssSelector("input[name=attachments]")).size(), "the attachment is kept");
    byId("f-title").clear();
    byId("f-title").sendKeys("Appel à la grève du 14");
    driver.findElement(By.cssSelector("button[value=preview]")).click();
    // the preview comes back on the same path: wait for the rendered Markdown, not for a new URL
    WebElement emphasis = new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(By.cssSelector(".preview em")).stream().findFirst().orElse(null));
    assertEquals("dans la rue", emphasis.getText());
    Browser.screenshot(driver, SHOTS, "14-call-preview");
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    waitForPath("/collectives/grenoble/calls/");
    assertEquals("Publié. Personne ne suit encore ce collectif dans le fédivers : la publication est visible sur sa page.", driver.findElement(By.cssSelector(".notice")).getText());
    assertEquals("Appel à la grève du 14", driver.findElement(By.cssSelector("h1.p-name")).getText());
    WebElement link = driver.findElement(By.linkText("tract.pdf"));
    assertEquals(200, fetch(URI.create(link.getAttribute("href")).getPath()).statusCode());
    assertEquals("article", driver.findElement(By.cssSelector("meta[property='og:type']")).getAttribute("content"));
    Browser.screenshot(driver, SHOTS, "15-call");
  }

  @Test
  void pagesHaveLandmarksASkipLinkAndALabelOnEveryField() {
    open("/espace/login?lang=fr");
    byId("f-username").sendKeys(WebTestNode.EDITOR);
    byId("f-password").sendKeys(WebTestNode.PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    waitForLogin();
    for (String path : List.of("/", "/collectives/grenoble", "/collectives/grenoble/agenda", "/espace",
        "/espace/grenoble/events/new", "/espace/grenoble/minutes/new", "/espace/grenoble/followers",
        "/espace/grenoble/moderation", "/espace/password")) {
      open(path);
      for (String landmark : List.of("body > header", "header nav", "body > main", "body > footer")) {
        assertEquals(1, driver.findElements(By.cssSelector(landmark)).size(), landmark + " on " + path);
      }
      Object unlabelled = ((JavascriptExecutor) driver).executeScript(
          "return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))"
              + ".filter(e => !(e.labels && e.labels.length)).map(e => e.name || e.id);");
      assertEquals(List.of(), unlabelled, "fields without a label on " + path);
      driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
      WebElement focused = driver.switchTo().activeElement();
      assertEquals("Aller au contenu", focused.getText(), "first Tab reaches the skip link on " + path);
      assertTrue(focused.isDisplayed(), "the skip link shows when focused");
    }
    open("/espace/grenoble/followers");
    Browser.screenshot(driver, SHOTS, "16-followers");
  }

  private static HttpResponse<byte[]> fetch(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(n.base + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Bytes of the page's HTML plus the CSS and JS it loads (uncompressed). */
  private static long pageWeight(String path) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long total = 0;
    for (String p : List.of(path, "/static/coordo.css", "/static/copy.js")) {
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(n.base + p)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, r.statusCode(), p);
      total += r.body().length;
    }
    return total;
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
