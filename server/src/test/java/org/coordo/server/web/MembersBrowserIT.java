package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * The node admin in a real headless Chromium: the members' table with its dates at 1280 and 390 px
 * (one card per member on a phone, nothing wider than the screen), then a member's password reset
 * from the web, and that member signing in with the temporary password.
 */
class MembersBrowserIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static ChromeDriver driver;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");
  static final String ADMIN_PASSWORD = "admin password long";

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    n = WebTestNode.start(dir.resolve("node"));
    UserService users = n.node.services().accounts().users();
    await(users.create(new UserService.NewUser("ada", "Ada", ADMIN_PASSWORD), true, Map.of()));
    for (String name : List.of("dora", "maximilienne_robespierre_des_quartiers", "sam")) {
      await(users.create(new UserService.NewUser(name, name, name + " password one"), false,
          Map.of(WebTestNode.COLLECTIVE, Role.MEMBER)));
    }
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

  @Test
  void membersTableShowsDatesFitsAPhoneAndResetsAPassword() {
    // dora has been here: her last visit is known.
    login("dora", "dora password one");
    login("ada", ADMIN_PASSWORD);

    driver.manage().window().setSize(new Dimension(1280, 1000));
    driver.get(n.base + "/espace/admin/" + WebTestNode.COLLECTIVE);
    String wide = driver.findElement(By.cssSelector("main table")).getText();
    assertTrue(wide.contains("Arrivée") && wide.contains("Dernière visite"), wide);
    assertTrue(wide.contains("pas encore connu"), "sam never came: " + wide);
    Browser.screenshot(driver, SHOTS, "details-01-members-1280");

    driver.manage().window().setSize(new Dimension(390, 900));
    driver.get(n.base + "/espace/admin/" + WebTestNode.COLLECTIVE);
    long overflow = ((Number) js("return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
    assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a 390 px screen");
    WebElement dora = driver.findElement(By.xpath("//tr[th[normalize-space()='dora']]"));
    assertEquals("block", dora.getCssValue("display"), "one card per member");
    Object label = js("return getComputedStyle(arguments[0], '::before').content;",
        dora.findElement(By.cssSelector("td[data-label]:nth-of-type(2)")));
    assertEquals("\"Arrivée\"", label, "each date says what it is on a phone");
    for (WebElement button : driver.findElements(By.cssSelector("main table button"))) {
      long right = ((Number) js("return arguments[0].getBoundingClientRect().right;", button)).longValue();
      assertTrue(right <= 390, "button inside the screen: " + button.getText() + " ends at " + right);
    }
    Browser.screenshot(driver, SHOTS, "details-02-members-390");

    // The admin gives dora a temporary password, shown once.
    dora.findElement(By.xpath(".//form[contains(@action,'/members/password')]//button")).click();
    String temporary = new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(By.id("reset-password")).stream().findFirst().orElse(null)).getText();
    assertTrue(temporary.matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"), temporary);
    Browser.screenshot(driver, SHOTS, "details-03-reset-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));

    // dora, told the temporary password, signs in with it and reaches her space.
    login("dora", temporary);
    assertEquals("/espace", URI.create(driver.getCurrentUrl()).getPath());
  }

  @Test
  void loginPageOffersTheForgottenPasswordPath() {
    driver.manage().deleteAllCookies();
    driver.get(n.base + "/espace/login?lang=fr");
    driver.findElement(By.linkText("Mot de passe oublié ?")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/espace/password/forgot"));
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("Demandez à la personne"));
    Browser.screenshot(driver, SHOTS, "details-04-forgot");
  }
}
