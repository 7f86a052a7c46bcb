package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.MediaService;
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
 * The publishing form in a real headless Chromium takes a long text and never loses one: a
 * 60,000-character minutes is published in full; a form refused (a missing title, a stale form
 * token, a file over the limit) keeps every character, at 1280 and 390 px. Screenshots go to
 * {@code <build dir>/screenshots/forms-*}.
 */
class FormLimitsBrowserIT {
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
    driver.get(n.base + "/espace/login?lang=fr");
    driver.findElement(By.id("f-username")).sendKeys(WebTestNode.EDITOR);
    driver.findElement(By.id("f-password")).sendKeys(WebTestNode.PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !URI.create(d.getCurrentUrl()).getPath().startsWith("/espace/login"));
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

  /** A minutes of {@code chars} characters: numbered paragraphs, accents, ending with a marker. */
  static String minutes(int chars) {
    String end = "\n\nFIN DU COMPTE RENDU.";
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (b.length() < chars - end.length()) {
      b.append("Point ").append(i++).append(" — l’assemblée générale débat de la grève des agent·es du nettoyage ")
          .append("et décide d’organiser une caisse de solidarité.\n\n");
    }
    b.setLength(chars - end.length());
    return b.append(end).toString();
  }

  private static void setValue(String id, String value) {
    ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).value = arguments[1];", id, value);
  }

  private static String value(String id) {
    return (String) ((JavascriptExecutor) driver).executeScript("return document.getElementById(arguments[0]).value;", id);
  }

  private static WebElement awaitElement(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> d.findElements(by).stream().findFirst().orElse(null));
  }

  private static void openNewMinutes() {
    driver.get(n.base + "/espace/grenoble/minutes/new?lang=fr");
    awaitElement(By.id("f-content"));
  }

  @Test
  void sixtyThousandCharacterMinutesIsPublishedInFullThroughTheForm() {
    String text = minutes(60_000);
    openNewMinutes();
    driver.findElement(By.id("f-title")).sendKeys("AG du 3 mars : compte rendu complet");
    setValue("f-assemblyDate", "2026-03-03");
    setValue("f-content", text);
    driver.findElement(By.cssSelector("button[value=publish]")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> URI.create(d.getCurrentUrl()).getPath().startsWith("/collectives/grenoble/minutes/"));
    String path = URI.create(driver.getCurrentUrl()).getPath();
    assertTrue(driver.findElement(By.tagName("main")).getText().contains("FIN DU COMPTE RENDU."),
        "the end of the text is on the published page");
    Browser.screenshot(driver, SHOTS, "forms-01-long-minutes-published");
    String id = path.substring(path.lastIndexOf('/') + 1);
    Publication stored = await(n.node.services().publishing().service.get(Optional.empty(),
        new PublicationKey(WebTestNode.COLLECTIVE, PublicationKind.MINUTES, id)));
    assertEquals(text, stored.contentSource(), "every character published, line breaks as typed");
  }

  @Test
  void refusedFormKeepsItsTextOnADesktopAndAPhone() throws Exception {
    for (int width : new int[] {1280, 390}) {
      driver.manage().window().setSize(new Dimension(width, 1000));
      String text = minutes(30_000);
      // A missing title: the form comes back, the text in it, the message next to the title.
      openNewMinutes();
      setValue("f-assemblyDate", "2026-03-03");
      setValue("f-content", text);
      driver.findElement(By.cssSelector("button[value=publish]")).click();
      assertEquals("Ce champ est obligatoire.", awaitElement(By.id("f-title-error")).getText());
      assertEquals(text, value("f-content"), "the text survives a refused form");
      assertEquals("2026-03-03", value("f-assemblyDate"));
      Browser.screenshot(driver, SHOTS, "forms-02-missing-title-" + width);

      // A stale form token (the session's token changed): the form again with the text, saying so.
      driver.findElement(By.id("f-title")).sendKeys("AG de mars");
      ((JavascriptExecutor) driver).executeScript("document.querySelector('form[enctype] input[name=csrf]').value = 'x'.repeat(43);");
      driver.findElement(By.cssSelector("button[value=draft]")).click();
      // the refused page before it had an alert too: wait for the new page's, which says why
      String alert = new WebDriverWait(driver, Duration.ofSeconds(30))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(d -> d.findElements(By.cssSelector(".alert[role=alert]")).stream().map(WebElement::getText)
              .filter(a -> a.contains("Le formulaire a expiré")).findFirst().orElse(null));
      assertTrue(alert.contains("Le formulaire a expiré"), alert);
      assertEquals(text, value("f-content"));
      assertEquals("AG de mars", value("f-title"));
      Browser.screenshot(driver, SHOTS, "forms-03-expired-token-" + width);

      // A file over the API's limit: refused in the page before anything is sent, the text still there.
      Path big = dir.resolve("compte-rendu-" + width + ".pdf");
      byte[] bytes = new byte[(int) MediaService.DEFAULT_MAX_BYTES + 1];
      System.arraycopy("%PDF-1.4\n".getBytes(), 0, bytes, 0, 9);
      Files.write(big, bytes);
      driver.findElement(By.id("f-attachment")).sendKeys(big.toAbsolutePath().toString());
      driver.findElement(By.cssSelector("button[value=publish]")).click();
      WebElement tooLarge = awaitElement(By.id("f-attachment-toolarge"));
      assertTrue(tooLarge.getText().contains("trop gros (10 Mo au plus)"), tooLarge.getText());
      assertEquals(text, value("f-content"));
      Browser.screenshot(driver, SHOTS, "forms-04-file-too-large-" + width);

      // The member picks no file after all: the draft is saved with its whole text.
      ((JavascriptExecutor) driver).executeScript("document.getElementById('f-attachment').value = '';");
      driver.findElement(By.cssSelector("button[value=draft]")).click();
      new WebDriverWait(driver, Duration.ofSeconds(30))
          .until(d -> URI.create(d.getCurrentUrl()).getPath().equals("/espace"));
      assertTrue(driver.findElement(By.tagName("main")).getText().contains("AG de mars"));
    }
    driver.manage().window().setSize(new Dimension(1280, 1000));
  }
}
