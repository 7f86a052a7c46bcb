package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
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
 * Working groups in a real headless Chromium: the editor creates an open group with its pilot from
 * the members' space, a member joins it, the pilot schedules a meeting, and the member sees it in the
 * group's planning; a person of no collective gets "page not found" for the group. At 1280 and 390 px
 * (nothing wider than a phone's screen).
 */
class WorkingGroupBrowserIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static ChromeDriver driver;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    n = WebTestNode.start(dir.resolve("node"));
    UserService users = n.node.services().accounts().users();
    for (String name : new String[] {"pia", "max"}) {
      await(users.create(new UserService.NewUser(name, name, name + " password one"), false,
          Map.of(WebTestNode.COLLECTIVE, Role.MEMBER)));
    }
    await(users.create(new UserService.NewUser("zoe", "zoe", "zoe password one"), false, Map.of()));
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

  private static void login(String username, String password) {
    driver.manage().deleteAllCookies();
    driver.get(n.base + "/espace/login?lang=fr");
    driver.findElement(By.id("f-username")).sendKeys(username);
    driver.findElement(By.id("f-password")).sendKeys(password);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !URI.create(d.getCurrentUrl()).getPath().startsWith("/espace/login"));
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static void waitForPath(String path) {
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> URI.create(d.getCurrentUrl()).getPath().equals(path));
  }

  private static void fitsAPhone() {
    long overflow = ((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
    assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a 390 px screen");
  }

  @Test
  void aMemberJoinsAnOpenGroupAndSeesTheMeetingItsPilotSchedules() {
    String groupPath = "/espace/grenoble/groups/logement";
    driver.manage().window().setSize(new Dimension(1280, 1000));

    // the editor creates the group and names its pilot
    login(WebTestNode.EDITOR, WebTestNode.PASSWORD);
    driver.get(n.base + "/espace?lang=fr");
    driver.findElement(By.linkText("Groupes de travail")).click();
    waitForPath("/espace/grenoble/groups");
    driver.findElement(By.id("f-displayName")).sendKeys("Logement");
    driver.findElement(By.id("f-name")).sendKeys("logement");
    driver.findElement(By.id("f-purpose")).sendKeys("Défendre le **droit au logement**.");
    driver.findElement(By.id("f-pilots")).sendKeys("pia");
    driver.findElement(By.cssSelector("input[name=joinPolicy]")).click();
    driver.findElement(By.xpath("//button[normalize-space()='Créer le groupe']")).click();
    waitForPath(groupPath);
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Groupe ouvert"));

    // the member joins from the list of groups
    login("max", "max password one");
    driver.get(n.base + "/espace/grenoble/groups?lang=fr");
    String list = driver.findElement(By.tagName("main")).getText();
    assertTrue(list.contains("Logement") && list.contains("Groupe ouvert"), list);
    Browser.screenshot(driver, SHOTS, "groups-01-list-1280");
    driver.findElement(By.linkText("Logement")).click();
    waitForPath(groupPath);
    assertFalse(driver.findElement(By.tagName("main")).getText().contains("Prochaines réunions"),
        "the planning is for the group's members");
    driver.findElement(By.xpath("//button[normalize-space()='Rejoindre le groupe']")).click();
    waitForPath(groupPath);
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Membre du groupe"));
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Aucune réunion prévue."));
    assertTrue(driver.findElements(By.xpath("//summary[normalize-space()='Prévoir une réunion']")).isEmpty(),
        "a member does not schedule");

    // the pilot schedules a meeting
    login("pia", "pia password one");
    driver.get(n.base + groupPath + "?lang=fr");
    driver.findElement(By.xpath("//summary[normalize-space()='Prévoir une réunion']")).click();
    WebElement start = driver.findElement(By.id("f-start"));
    js("arguments[0].value = '2030-03-14T18:30';", start);
    js("arguments[0].value = '2030-03-14T20:00';", driver.findElement(By.id("f-end")));
    driver.findElement(By.id("f-place")).sendKeys("Maison des associations, salle 3");
    driver.findElement(By.id("f-agenda")).sendKeys("Préparer la permanence logement\nRépartir les visites");
    driver.findElement(By.xpath("//button[normalize-space()='Prévoir la réunion']")).click();
    waitForPath(groupPath);
    assertTrue(driver.findElement(By.cssSelector("p.notice")).getText().contains("Réunion prévue"));
    Browser.screenshot(driver, SHOTS, "groups-02-pilot-1280");

    // the member sees it in the group's planning, at 1280 and on a phone
    login("max", "max password one");
    driver.get(n.base + groupPath + "?lang=fr");
    String planning = driver.findElement(By.cssSelector("ul.meetings")).getText();
    assertTrue(planning.contains("jeudi 14 mars 2030"), planning);
    assertTrue(planning.contains("18:30") && planning.contains("20:00"), planning);
    assertTrue(planning.contains("Maison des associations, salle 3"), planning);
    assertTrue(planning.contains("Préparer la permanence logement"), planning);
    Browser.screenshot(driver, SHOTS, "groups-03-member-1280");

    // and in their private calendar feed (issue 16): the link made in the members' space, read by a calendar app
    driver.get(n.base + "/espace?lang=fr");
    driver.findElement(By.cssSelector(".private-calendar button")).click();
    waitForPath("/espace/agenda-prive");
    String calendarUrl = driver.findElement(By.id("calendar-url")).getAttribute("value");
    String ics = TestNodes.get(n.port, java.net.URI.create(calendarUrl).getRawPath()).body();
    assertTrue(ics.contains("SUMMARY:Logement · Préparer la permanence logement"), ics);
    assertTrue(ics.contains("DTSTART;TZID=Europe/Paris:20300314T183000"), ics);
    assertTrue(ics.contains("LOCATION:Maison des associations\\, salle 3"), ics);
    driver.manage().window().setSize(new Dimension(390, 900));
    driver.get(n.base + groupPath + "?lang=fr");
    fitsAPhone();
    Browser.screenshot(driver, SHOTS, "groups-04-member-390");
    driver.get(n.base + "/espace/grenoble/groups?lang=fr");
    fitsAPhone();
    Browser.screenshot(driver, SHOTS, "groups-05-list-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));

    // someone of no collective: the group's page does not exist for her, nor its public page
    login("zoe", "zoe password one");
    driver.get(n.base + groupPath + "?lang=fr");
    String stranger = driver.findElement(By.tagName("main")).getText();
    assertTrue(stranger.contains("Cette page n’existe pas"), stranger);
    assertFalse(stranger.contains("Logement") || stranger.contains("Maison des associations"), stranger);
    assertEquals(404, TestNodes.get(n.port, "/collectives/grenoble/groups/logement").statusCode());
    assertEquals(404, TestNodes.get(n.port, "/actors/grenoble.logement").statusCode());

    // the editor makes it public: a public page without anyone's name, its internal meeting not on it
    login(WebTestNode.EDITOR, WebTestNode.PASSWORD);
    driver.get(n.base + groupPath + "?lang=fr");
    driver.findElement(By.xpath("//button[normalize-space()='Rendre le groupe public']")).click();
    waitForPath(groupPath);
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("@grenoble.logement@"));
    driver.manage().deleteAllCookies();
    driver.get(n.base + "/actors/grenoble.logement?lang=fr");
    waitForPath("/collectives/grenoble/groups/logement");
    String page = driver.findElement(By.tagName("main")).getText();
    assertTrue(page.contains("Logement") && page.contains("droit au logement") && page.contains("@grenoble.logement@"), page);
    assertTrue(page.contains("Aucune réunion publique prévue."), "the meeting was not marked public: " + page);
    assertFalse(page.contains("pia") || page.contains("max") || page.contains("Maison des associations"), page);
    Browser.screenshot(driver, SHOTS, "groups-06-public-1280");
    driver.manage().window().setSize(new Dimension(390, 900));
    driver.navigate().refresh();
    fitsAPhone();
    Browser.screenshot(driver, SHOTS, "groups-07-public-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }
}
