package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.coordo.federation.FollowState;
import org.coordo.server.app.TestNodes;
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
 * The mobilisation dashboard in a real browser, on a national node that follows a real city node:
 * a national admin reads the table at 1280 and at 390 px (one card per city on a phone, nothing
 * wider than the screen); screenshots under target/screenshots.
 */
class CoordinationDashboardBrowserIT {
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");
  static final String ADMIN_PASSWORD = "admin password long";

  @TempDir static Path dir;
  static WebTestNode national;
  static WebTestNode city;
  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    national = WebTestNode.national(dir.resolve("national"));
    city = WebTestNode.start(dir.resolve("city"));
    await(national.node.services().accounts().users().create(new UserService.NewUser("ada", "Ada", ADMIN_PASSWORD),
        true, Map.of()));
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
  void aNationalAdminReadsTheDashboardOnADesktopAndOnAPhone() {
    String nationalHandle = "@national@127.0.0.1:" + national.port;
    await(national.node.services().national().follow("@grenoble@127.0.0.1:" + city.port));
    await(city.node.services().fed().follow("grenoble", nationalHandle));
    URI grenoble = URI.create(city.base + "/actors/grenoble");
    TestNodes.waitUntil(Duration.ofSeconds(30), "both follows accepted", () ->
        await(national.node.services().fed().findFollowing("national", grenoble))
            .map(f -> f.state() == FollowState.ACCEPTED).orElse(false)
        && await(city.node.services().fed().findFollowing("grenoble", URI.create(national.base + "/actors/national")))
            .map(f -> f.state() == FollowState.ACCEPTED).orElse(false));
    String token = await(city.node.services().accounts().sessions().createToken(WebTestNode.EDITOR, "t")).token();
    assertEquals(201, TestNodes.post(city.port, "/api/collectives/grenoble/calls", new JsonObject()
        .put("title", "Appel à la grève du 9").put("content", "Partout.").put("publish", true).encode(),
        "Authorization", "Bearer " + token).statusCode());
    TestNodes.waitUntil(Duration.ofSeconds(30), "the call arrived", () -> TestNodes.get(national.port,
        "/api/national/calls").body().contains("Appel à la grève du 9"));

    driver.get(national.base + "/espace/login?lang=fr");
    driver.findElement(By.id("f-username")).sendKeys("ada");
    driver.findElement(By.id("f-password")).sendKeys(ADMIN_PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !URI.create(d.getCurrentUrl()).getPath().startsWith("/espace/login"));

    driver.manage().window().setSize(new Dimension(1280, 1000));
    driver.get(national.base + "/espace/coordination/dashboard");
    String row = driver.findElement(By.cssSelector("#dashboard tbody tr")).getText();
    assertTrue(row.contains("Collectif de Grenoble") && row.contains("oui"), row);
    assertEquals("1", driver.findElement(By.cssSelector("#dashboard tbody tr td[data-label='Appels']")).getText());
    Browser.screenshot(driver, SHOTS, "coordination-dashboard-1280");

    driver.manage().window().setSize(new Dimension(390, 900));
    driver.navigate().refresh();
    long width = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth");
    long viewport = (Long) ((JavascriptExecutor) driver).executeScript("return document.documentElement.clientWidth");
    assertTrue(width <= viewport, "nothing wider than the phone's screen: " + width + " > " + viewport);
    Browser.screenshot(driver, SHOTS, "coordination-dashboard-390");
  }
}
