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
import java.util.Map;
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
 * A call co-signed across two nodes on loopback, through the pages only, in a real Chromium: an
 * editor of Grenoble proposes her call for co-signature (a mistyped address is refused next to the
 * field, the text kept), invites Lille and lists a union section as plain text; Lille's editor sees
 * the invitation in the members' space (a count next to the link), signs it; Grenoble's public call
 * page then lists the signatories, author first; Lille withdraws after a confirmation step and
 * disappears from the page. Screenshots at 1280 and 390 px under {@code target/screenshots/}.
 */
class CoSignBrowserIT {
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");
  static final String LILLE_EDITOR = "lea";
  static final String LILLE_PASSWORD = "lille password long enough";

  @TempDir static Path dir;
  static WebTestNode grenoble;
  static WebTestNode lille;
  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    grenoble = WebTestNode.start(dir.resolve("grenoble"));
    lille = WebTestNode.start(dir.resolve("lille"));
    var accounts = lille.node.services().accounts();
    TestNodes.await(accounts.collectives().create("lille", "Collectif lillois", "Les rendez-vous de Lille.", false));
    TestNodes.await(accounts.users().create(new UserService.NewUser(LILLE_EDITOR, "Léa", LILLE_PASSWORD), false,
        Map.of("lille", Role.EDITOR)));
    driver = Browser.start(dir.resolve("profile"));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (lille != null) {
      lille.close();
    }
    if (grenoble != null) {
      grenoble.close();
    }
  }

  @Test
  void grenobleInvitesLilleLilleSignsFromItsMembersSpaceAndTheCallPageListsBothThenLilleWithdraws() {
    String callId = publishCall();
    String callPage = grenoble.base + "/collectives/grenoble/calls/" + callId;
    String lilleHandle = "@lille@127.0.0.1:" + lille.port;

    // Grenoble's editor: from the members' space to the call's co-signature page
    login(grenoble, WebTestNode.EDITOR, WebTestNode.PASSWORD);
    driver.get(grenoble.base + "/espace");
    await(By.partialLinkText("Proposer à la co-signature")).click();
    waitForPath("/espace/grenoble/calls/" + callId + "/cosign");
    assertEquals("Co-signature de l’appel", driver.findElement(By.cssSelector("main h1")).getText());

    // a mistyped address: refused by name next to the field, what was typed is kept
    WebElement handles = driver.findElement(By.id("f-handles"));
    handles.sendKeys("lille chez eux");
    submit("main form[action$='/cosign/invite'] button[type=submit]");
    WebElement error = await(By.id("f-handles-error"));
    assertTrue(error.getText().contains("« lille » n’est pas une adresse de collectif"), error.getText());
    assertEquals("lille chez eux", driver.findElement(By.id("f-handles")).getAttribute("value"));
    shots("cosign-invite-error", "#f-handles");

    driver.findElement(By.id("f-handles")).clear();
    driver.findElement(By.id("f-handles")).sendKeys(lilleHandle);
    submit("main form[action$='/cosign/invite'] button[type=submit]");
    WebElement notice = await(By.cssSelector("p.notice"));
    assertEquals("Invitation envoyée.", notice.getText());
    WebElement invited = await(By.cssSelector("section[aria-labelledby=cosign-sent] li"));
    assertTrue(invited.getText().contains("en attente"), invited.getText());

    // plain-text signatories, one per line, with an optional link
    WebElement text = driver.findElement(By.id("f-signatories"));
    text.sendKeys("Union locale CGT | https://ul-cgt.example\nAssociation des locataires");
    submit("main form[action$='/cosign/signatories'] button[type=submit]");
    assertEquals("Signataires enregistrés.", await(By.cssSelector("p.notice")).getText());
    assertTrue(driver.findElement(By.id("f-signatories")).getAttribute("value").contains("Union locale CGT | https://ul-cgt.example"));
    shots("cosign-author", "#cosign-sent");

    // Lille's editor: the invitation waits in the members' space, with a count next to the link
    driver.manage().deleteAllCookies();
    login(lille, LILLE_EDITOR, LILLE_PASSWORD);
    driver.get(lille.base + "/espace");
    TestNodes.waitUntil(Duration.ofSeconds(20), "the invitation reaches Lille", () -> {
      driver.navigate().refresh();
      return !driver.findElements(By.cssSelector("a[href='/espace/lille/cosign'] .badge")).isEmpty();
    });
    assertTrue(driver.findElement(By.cssSelector("a[href='/espace/lille/cosign'] .badge")).getText().startsWith("1"));
    driver.findElement(By.cssSelector("a[href='/espace/lille/cosign']")).click();
    waitForPath("/espace/lille/cosign");
    WebElement pending = await(By.cssSelector("section[aria-labelledby=cosign-pending] li"));
    assertTrue(pending.getText().contains("Collectif de Grenoble vous invite à signer"), pending.getText());
    assertTrue(pending.getText().contains("Pour des logements dignes"), pending.getText());
    assertEquals(callPage, pending.findElement(By.partialLinkText("Lire l’appel")).getAttribute("href"));
    shots("cosign-inbox", "#cosign-pending");
    submit("section[aria-labelledby=cosign-pending] form[action$='/sign'] button");
    assertEquals("Votre collectif a signé l’appel.", await(By.cssSelector("p.notice")).getText());
    assertTrue(await(By.cssSelector("section[aria-labelledby=cosign-signed] li")).getText()
        .contains("Pour des logements dignes"));

    // the public call page on Grenoble: the author, then Lille, then the plain-text ones
    driver.manage().deleteAllCookies();
    TestNodes.waitUntil(Duration.ofSeconds(20), "Lille shows among the signatories", () ->
        TestNodes.send(HttpRequest.newBuilder(URI.create(callPage)).build()).body().contains("Collectif lillois"));
    driver.get(callPage);
    WebElement box = await(By.cssSelector("section.signatories-box"));
    assertEquals("Signataires", box.findElement(By.tagName("h2")).getText());
    var names = box.findElements(By.cssSelector("ul.signatories > li")).stream().map(WebElement::getText).toList();
    assertEquals(4, names.size(), names.toString());
    assertTrue(names.get(0).startsWith("Collectif de Grenoble"), names.toString());
    assertTrue(names.get(1).startsWith("Collectif lillois"), names.toString());
    assertEquals("Union locale CGT", names.get(2));
    assertEquals("Association des locataires", names.get(3));
    assertEquals("https://ul-cgt.example/", box.findElement(By.linkText("Union locale CGT")).getAttribute("href"));
    shots("cosign-call-page", "section.signatories-box");
    // the call's feed names them too
    String rss = TestNodes.get(grenoble.port, "/collectives/grenoble/calls.rss").body();
    assertTrue(rss.contains("Signataires : Collectif de Grenoble, Collectif lillois, Union locale CGT"), rss);

    // Lille's public page lists the calls it co-signs
    driver.get(lille.base + "/collectives/lille");
    WebElement cosigned = await(By.cssSelector("section[aria-labelledby=cosigned]"));
    assertEquals("Appels co-signés", cosigned.findElement(By.tagName("h2")).getText());
    assertEquals(callPage, cosigned.findElement(By.linkText("Pour des logements dignes")).getAttribute("href"));
    assertTrue(cosigned.getText().contains("appel de Collectif de Grenoble"), cosigned.getText());
    shots("cosign-collective-page", "section[aria-labelledby=cosigned]");

    // Grenoble's editors see Lille signed, with the button that would remove it from the signatories
    login(grenoble, WebTestNode.EDITOR, WebTestNode.PASSWORD);
    driver.get(grenoble.base + "/espace/grenoble/calls/" + callId + "/cosign");
    WebElement signedRow = await(By.cssSelector("section[aria-labelledby=cosign-sent] li"));
    assertTrue(signedRow.getText().contains("a signé") && signedRow.getText().contains("Retirer des signataires"),
        signedRow.getText());
    shots("cosign-author-signed", "#cosign-sent");
    driver.manage().deleteAllCookies();

    // Lille withdraws, after a confirmation step
    login(lille, LILLE_EDITOR, LILLE_PASSWORD);
    driver.get(lille.base + "/espace/lille/cosign");
    submit("section[aria-labelledby=cosign-signed] form[action$='/withdraw'] button");
    WebElement confirm = await(By.cssSelector("section.confirm h1"));
    assertTrue(confirm.getText().startsWith("Retirer votre signature de « Pour des logements dignes »"), confirm.getText());
    shots("cosign-withdraw-confirm", "section.confirm");
    submit("section.confirm form button[type=submit]");
    assertEquals("Votre signature a été retirée.", await(By.cssSelector("p.notice")).getText());
    TestNodes.waitUntil(Duration.ofSeconds(20), "Lille leaves the signatories", () ->
        !TestNodes.send(HttpRequest.newBuilder(URI.create(callPage)).build()).body().contains("Collectif lillois"));
    driver.manage().deleteAllCookies();
  }

  /** Grenoble's editor publishes a public call through the JSON API; its id. */
  private static String publishCall() {
    String token = TestNodes.await(grenoble.node.services().accounts().sessions()
        .createToken(WebTestNode.EDITOR, "cosign")).token();
    HttpResponse<String> r = TestNodes.send(HttpRequest.newBuilder(URI.create(grenoble.base + "/api/collectives/grenoble/calls"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("title", "Pour des logements dignes")
            .put("content", "Nous appelons à manifester pour le droit au logement.").put("publish", true).encode()))
        .build());
    assertEquals(201, r.statusCode(), r.body());
    return new JsonObject(r.body()).getString("id");
  }

  private static void login(WebTestNode n, String user, String password) {
    driver.get(n.base + "/espace/login?lang=fr");
    await(By.id("f-username")).sendKeys(user);
    driver.findElement(By.id("f-password")).sendKeys(password);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !URI.create(d.getCurrentUrl()).getPath().startsWith("/espace/login"));
  }

  private static void submit(String css) {
    WebElement button = await(By.cssSelector(css));
    ((JavascriptExecutor) driver).executeScript("arguments[0].click();", button);
  }

  private static WebElement await(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  private static void waitForPath(String prefix) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> URI.create(d.getCurrentUrl()).getPath().startsWith(prefix));
  }

  private static void shots(String name, String focus) {
    driver.manage().window().setSize(new Dimension(1280, 1000));
    scrollTo(focus);
    Browser.screenshot(driver, SHOTS, name + "-1280");
    driver.manage().window().setSize(new Dimension(390, 900));
    scrollTo(focus);
    Number overflow = (Number) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertTrue(overflow.intValue() <= 0, name + ": no sideways scrolling at 390 px: " + overflow);
    Browser.screenshot(driver, SHOTS, name + "-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }

  private static void scrollTo(String css) {
    ((JavascriptExecutor) driver).executeScript(
        "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({block: 'center'});", css);
  }

  static void assertNotShown(String body, String what) {
    assertFalse(body.contains(what), what);
  }
}
