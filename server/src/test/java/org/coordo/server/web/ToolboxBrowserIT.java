package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * In a real Chromium: an editor opens the toolbox from the members' space, adds a document with a file
 * (forgetting the file first), then a visitor finds it from the collective's page on the public toolbox,
 * at 1280 and 390 px, and downloads it. Screenshots under {@code <build dir>/screenshots/toolbox-*}.
 */
class ToolboxBrowserIT {
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

  private static WebElement await(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  private static long overflow() {
    return ((Number) ((JavascriptExecutor) driver)
        .executeScript("return document.documentElement.scrollWidth - window.innerWidth;")).longValue();
  }

  @Test
  void anEditorAddsADocumentAndAVisitorFindsItOnThePublicToolbox() throws Exception {
    driver.manage().window().setSize(new Dimension(1280, 1000));
    driver.get(n.base + "/espace/login?lang=fr");
    driver.findElement(By.id("f-username")).sendKeys(WebTestNode.EDITOR);
    driver.findElement(By.id("f-password")).sendKeys(WebTestNode.PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !URI.create(d.getCurrentUrl()).getPath().startsWith("/espace/login"));

    driver.findElement(By.linkText("Boîte à outils")).click();
    await(By.id("f-title")).sendKeys("Tract : nos droits face à la réorganisation");
    driver.findElement(By.id("f-folder")).sendKeys("Tracts");
    driver.findElement(By.id("f-description")).sendKeys("À distribuer devant le siège mardi.\nRecto verso.");
    // Forgetting the file: said next to the field, what was typed kept.
    driver.findElement(By.cssSelector("section[aria-labelledby=add] button[type=submit]")).click();
    assertEquals("Choisissez un fichier.", await(By.id("f-file-error")).getText());
    assertEquals("Tracts", driver.findElement(By.id("f-folder")).getAttribute("value"));
    Browser.screenshot(driver, SHOTS, "toolbox-01-add-error-1280");

    Path pdf = dir.resolve("tract réorganisation.pdf");
    Files.write(pdf, ToolboxFixtures.pdf("nos droits"));
    driver.findElement(By.id("f-file")).sendKeys(pdf.toString());
    driver.findElement(By.cssSelector("section[aria-labelledby=add] button[type=submit]")).click();
    WebElement notice = await(By.cssSelector(".notice"));
    assertEquals("Document ajouté à la boîte à outils.", notice.getText());
    assertTrue(driver.getCurrentUrl().contains("/espace/grenoble/toolbox/doc/"));
    Browser.screenshot(driver, SHOTS, "toolbox-02-document-editor-1280");

    // A visitor: from the collective's page to the toolbox, then the document.
    driver.manage().deleteAllCookies();
    driver.get(n.base + "/collectives/grenoble?lang=fr");
    driver.findElement(By.partialLinkText("Boîte à outils")).click();
    WebElement listed = await(By.linkText("Tract : nos droits face à la réorganisation"));
    assertEquals("Tracts", driver.findElement(By.cssSelector(".toolbox-folder h2")).getText());
    assertFalse(driver.getPageSource().contains("alice"), "the public page names nobody");
    assertTrue(overflow() <= 0);
    Browser.screenshot(driver, SHOTS, "toolbox-03-public-1280");
    driver.manage().window().setSize(new Dimension(390, 900));
    driver.navigate().refresh();
    assertTrue(overflow() <= 0, "the public toolbox fits a 390 px screen: " + overflow());
    Browser.screenshot(driver, SHOTS, "toolbox-04-public-390");

    driver.findElement(By.linkText("Tract : nos droits face à la réorganisation")).click();
    WebElement download = await(By.cssSelector("a.button.primary"));
    String href = download.getAttribute("href");
    assertTrue(href.matches(".*/collectives/grenoble/toolbox/[0-9A-Za-z_-]+/files/1"), href);
    assertTrue(driver.findElement(By.cssSelector(".description")).getText().contains("Recto verso."));
    assertTrue(overflow() <= 0, "the document's page fits a 390 px screen");
    Browser.screenshot(driver, SHOTS, "toolbox-05-document-390");
    driver.manage().window().setSize(new Dimension(1280, 1000));
    Browser.screenshot(driver, SHOTS, "toolbox-06-document-1280");

    HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, file.statusCode());
    assertEquals("application/pdf", file.headers().firstValue("Content-Type").orElse(""));
    assertTrue(file.headers().firstValue("Content-Disposition").orElse("")
        .contains("filename*=UTF-8''tract%20r%C3%A9organisation.pdf"), file.headers().toString());
  }
}
