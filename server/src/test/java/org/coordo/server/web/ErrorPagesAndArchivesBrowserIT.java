package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A person in real Chromium: an unknown URL is the error page in their language (French by default,
 * English for an English browser), never JSON; the collective's archives, reached from its page, go
 * back in time page by page. Screenshots at 1280 and 390 px under {@code target/screenshots/}.
 */
class ErrorPagesAndArchivesBrowserIT {
  @TempDir
  static Path dir;
  static WebTestNode n;
  static ChromeDriver french;
  static ChromeDriver english;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    n = WebTestNode.start(dir.resolve("node"));
    ArchiveSeed.publish(n);
    french = Browser.start(dir.resolve("profile-fr"));
    english = Browser.start(dir.resolve("profile-en"), "en-GB");
  }

  @AfterAll
  static void stop() {
    for (ChromeDriver d : new ChromeDriver[] {french, english}) {
      if (d != null) {
        d.quit();
      }
    }
    if (n != null) {
      n.close();
    }
  }

  @Test
  void anUnknownUrlShowsTheFrenchErrorPage() {
    french.get(n.base + "/foo");
    assertEquals("Erreur 404", french.findElement(By.tagName("h1")).getText());
    assertEquals("fr", french.findElement(By.tagName("html")).getAttribute("lang"));
    assertTrue(french.findElement(By.tagName("main")).getText().contains("Cette page n’existe pas"));
    assertFalse(french.getPageSource().contains("\"status\""), "no JSON for a person");
    shots(french, "error-404-fr");
    french.findElement(By.linkText("Accueil")).click();
    assertEquals(n.base + "/", french.getCurrentUrl());

    french.get(n.base + "/espace/nope");
    assertEquals("Erreur 404", french.findElement(By.tagName("h1")).getText());
  }

  @Test
  void anEnglishBrowserGetsTheEnglishErrorPage() {
    english.get(n.base + "/collectives/grenoble/nothing/here");
    assertEquals("Error 404", english.findElement(By.tagName("h1")).getText());
    assertEquals("en", english.findElement(By.tagName("html")).getAttribute("lang"));
    assertTrue(english.findElement(By.tagName("main")).getText().contains("This page does not exist"));
    shots(english, "error-404-en");
  }

  @Test
  void callsArchiveIsReachedFromTheCollectiveAndGoesBackPageByPage() {
    french.get(n.base + "/collectives/grenoble");
    french.findElement(By.linkText("Tous les appels")).click();
    assertEquals("Appels — Collectif de Grenoble", french.findElement(By.tagName("h1")).getText());
    List<String> first = titles();
    assertEquals(ArchiveSeed.PAGE, first.size());
    assertEquals("Appel " + ArchiveSeed.COUNT, first.get(0), "newest first");
    shots(french, "archive-calls-1");
    french.findElement(By.linkText("Appels plus anciens")).click();
    assertEquals(List.of("Appel 01"), titles());
    assertTrue(french.findElements(By.linkText("Appels plus anciens")).isEmpty(), "the last page");
    french.findElement(By.linkText("Revenir aux plus récents")).click();
    assertEquals(first, titles());
  }

  @Test
  void pastAndUpcomingEventsHaveTheirArchives() {
    french.get(n.base + "/collectives/grenoble");
    french.findElement(By.linkText("Événements passés")).click();
    assertEquals("Événements passés — Collectif de Grenoble", french.findElement(By.tagName("h1")).getText());
    List<String> past = titles();
    assertEquals("Passé 01", past.get(0), "the most recent first");
    assertEquals(ArchiveSeed.PAGE, past.size());
    shots(french, "archive-past");
    french.findElement(By.linkText("Événements plus anciens")).click();
    assertEquals(List.of("Passé " + ArchiveSeed.COUNT), titles());

    french.findElement(By.linkText("Événements à venir")).click();
    assertEquals("Événements à venir — Collectif de Grenoble", french.findElement(By.tagName("h1")).getText());
    List<String> upcoming = titles();
    assertEquals("À venir 01", upcoming.get(0), "the soonest first");
    assertEquals("À venir 02", upcoming.get(1));
    french.findElement(By.linkText("Événements suivants")).click();
    assertEquals(List.of("À venir " + ArchiveSeed.COUNT), titles());
  }

  private static List<String> titles() {
    return french.findElements(By.cssSelector("main .list > li > a")).stream().map(WebElement::getText).toList();
  }

  private static void shots(ChromeDriver d, String name) {
    d.manage().window().setSize(new Dimension(1280, 1000));
    Browser.screenshot(d, SHOTS, name + "-1280");
    d.manage().window().setSize(new Dimension(390, 844));
    Browser.screenshot(d, SHOTS, name + "-390");
    d.manage().window().setSize(new Dimension(1280, 1000));
  }
}
