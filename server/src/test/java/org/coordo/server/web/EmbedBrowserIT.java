package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.coordo.server.domain.publication.Publication;
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
 * A collective's website on another origin ({@code http://localhost:PORT}, the node being on
 * {@code 127.0.0.1}) pastes the two snippets its Coordo page offers: the agenda renders in the frame
 * and in the web component, its links open the event on the node in a new tab, and the node's other
 * pages framed on the same site stay blank.
 */
class EmbedBrowserIT {
  @TempDir
  static Path dir;
  static WebTestNode city;
  static WebTestNode national;
  static ChromeDriver driver;
  static HttpServer site;
  static final AtomicReference<String> SITE_PAGE = new AtomicReference<>("");
  static Publication event;
  static final Path SHOTS = Path.of(System.getProperty("coordo.target", "target"), "screenshots");

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeTrue(Browser.available(), "chromium and chromium-driver are installed");
    city = WebTestNode.start(dir.resolve("city"));
    national = WebTestNode.national(dir.resolve("national"));
    event = EmbedFixtures.event(city, "Assemblée générale <b>ouverte</b> & repas partagé", 3);
    EmbedFixtures.event(city, "Permanence juridique du jeudi, avec un titre assez long pour passer à la ligne", 5);
    EmbedFixtures.received(national, "lille", "https://lille.example/e/2", "Réunion publique à Lille",
        "https://lille.example/events/2", 6, "MEETING", "Maison des syndicats");
    EmbedFixtures.received(national, "lyon", "https://lyon.example/e/1", "Grève à Lyon",
        "https://lyon.example/events/1", 4, "STRIKE", "Place Bellecour");
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    site.createContext("/", exchange -> {
      byte[] body = SITE_PAGE.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    site.start();
    driver = Browser.start(dir.resolve("profile"));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (site != null) {
      site.stop(0);
    }
    for (WebTestNode n : new WebTestNode[] {national, city}) {
      if (n != null) {
        n.close();
      }
    }
  }

  /** The collective's own site: another origin than the node's. */
  static String siteUrl() {
    return "http://localhost:" + site.getAddress().getPort() + "/";
  }

  static JavascriptExecutor js() {
    return driver;
  }

  /** The snippets as the copy buttons of a Coordo page hold them. */
  static List<String> snippets(String pageUrl) {
    driver.get(pageUrl);
    driver.findElement(By.cssSelector("#embed summary")).click();
    List<WebElement> buttons = driver.findElements(By.cssSelector("#embed button.copy"));
    assertEquals(2, buttons.size());
    assertTrue(buttons.get(0).isDisplayed(), "copy buttons show with JavaScript");
    return buttons.stream().map(b -> b.getAttribute("data-copy")).toList();
  }

  @Test
  void agendaRendersInsideAnotherSiteWhileTheOtherPagesRefuseFraming() {
    List<String> collective = snippets(city.base + "/collectives/grenoble?lang=fr");
    Browser.screenshot(driver, SHOTS, "embed-01-collective-snippets-1280");
    List<String> nationalSnippets = snippets(national.base + "/?lang=fr");
    js().executeScript("document.getElementById('embed').scrollIntoView();");
    Browser.screenshot(driver, SHOTS, "embed-05-national-snippets-1280");
    assertTrue(collective.get(0).startsWith("<iframe src=\"" + city.base + "/collectives/grenoble/embed?lang=fr\""),
        collective.get(0));
    String lilleComponent = nationalSnippets.get(1).replace("/embed/agenda.json?", "/embed/agenda.json?city=lille&");
    SITE_PAGE.set("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Notre site</title>"
        + "<style>body{font-family:Georgia,serif;max-width:60rem;margin:0 auto;padding:1rem}"
        + "iframe.other{width:100%;height:120px;border:1px dashed #999}</style></head><body>"
        + "<h1>Le site du collectif</h1>"
        + "<h2>Notre agenda (cadre)</h2>" + collective.get(0)
        + "<h2>Notre agenda (composant)</h2><div id=\"component\">" + collective.get(1) + "</div>"
        + "<h2>Lille, depuis l’agenda national</h2><div id=\"national\">" + lilleComponent + "</div>"
        + "<h2>Autres pages du nœud, encadrées</h2>"
        + "<iframe class=\"other\" id=\"other-collective\" src=\"" + city.base + "/collectives/grenoble\"></iframe>"
        + "<iframe class=\"other\" id=\"other-login\" src=\"" + city.base + "/espace/login\"></iframe>"
        + "</body></html>");

    driver.get(siteUrl());
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    JavascriptExecutor js = driver;
    // the web component, in its shadow root
    wait.until(d -> js.executeScript(
        "var r = document.querySelector('#component coordo-agenda').shadowRoot; return r && r.querySelector('li a');") != null);
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) js.executeScript(
        "var r = document.querySelector('#component coordo-agenda').shadowRoot; var a = r.querySelector('li a');"
            + "return {title: r.querySelector('h2').textContent, text: a.textContent, href: a.href, target: a.target,"
            + " rel: a.rel, injected: r.querySelector('li b') !== null, items: r.querySelectorAll('li').length};");
    assertEquals("Agenda de Collectif de Grenoble", first.get("title"));
    assertEquals("Assemblée générale <b>ouverte</b> & repas partagé", first.get("text"), "the title as text");
    assertEquals(false, first.get("injected"), "no markup from a title");
    assertEquals(city.base + "/collectives/grenoble/events/" + event.id(), first.get("href"));
    assertEquals("_blank", first.get("target"));
    assertEquals("noopener", first.get("rel"));
    assertEquals(2L, first.get("items"));
    wait.until(d -> js.executeScript(
        "var r = document.querySelector('#national coordo-agenda').shadowRoot; return r && r.querySelector('li a');") != null);
    assertEquals("Réunion publique à Lille", js.executeScript(
        "var r = document.querySelector('#national coordo-agenda').shadowRoot;"
            + "return Array.from(r.querySelectorAll('li a')).map(function (a) { return a.textContent; }).join('|');"),
        "the national agenda filtered on one city");

    // the frame
    driver.switchTo().frame(driver.findElement(By.cssSelector("iframe[src*='/embed']")));
    wait.until(d -> !d.findElements(By.cssSelector("li a")).isEmpty());
    assertEquals("Agenda de Collectif de Grenoble", driver.findElement(By.tagName("h1")).getText());
    WebElement link = driver.findElement(By.cssSelector("li a"));
    assertEquals("Assemblée générale <b>ouverte</b> & repas partagé", link.getText());
    String before = driver.getWindowHandle();
    link.click();
    wait.until(d -> d.getWindowHandles().size() == 2);
    driver.switchTo().defaultContent();
    Browser.screenshot(driver, SHOTS, "embed-02-other-site-1280");

    // the node's other pages, framed by the same site: blocked, the frame shows none of them
    for (String id : new String[] {"other-collective", "other-login"}) {
      driver.switchTo().frame(driver.findElement(By.id(id)));
      String url = String.valueOf(js.executeScript("return location.href;"));
      assertNotEquals(true, url.startsWith(city.base), id + " was displayed in the frame: " + url);
      assertTrue(driver.findElements(By.cssSelector("header.site")).isEmpty(), id + " shows the node's page");
      assertFalse(driver.findElement(By.tagName("body")).getText().contains("Coordo"), id);
      driver.switchTo().defaultContent();
    }
    js.executeScript("document.getElementById('national').scrollIntoView();");
    Browser.screenshot(driver, SHOTS, "embed-02b-other-site-blocked-frames-1280");

    // the event opened in a new tab, on the node
    for (String handle : Set.copyOf(driver.getWindowHandles())) {
      if (!handle.equals(before)) {
        driver.switchTo().window(handle);
        wait.until(d -> d.getCurrentUrl().startsWith(city.base + "/collectives/grenoble/events/"));
        assertNull(js.executeScript("return window.opener;"), "noopener: the node's tab cannot reach the site");
        driver.close();
      }
    }
    driver.switchTo().window(before);

    driver.manage().window().setSize(new Dimension(390, 1400));
    try {
      driver.get(siteUrl());
      wait.until(d -> js.executeScript(
          "var r = document.querySelector('#component coordo-agenda').shadowRoot; return r && r.querySelector('li a');") != null);
      Number overflow = (Number) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
      assertTrue(overflow.intValue() <= 0, "no sideways scrolling at 390 px: " + overflow);
      driver.switchTo().frame(driver.findElement(By.cssSelector("iframe[src*='/embed']")));
      Number inner = (Number) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
      assertTrue(inner.intValue() <= 0, "the frame's agenda fits its width: " + inner);
      driver.switchTo().defaultContent();
      Browser.screenshot(driver, SHOTS, "embed-03-other-site-390");
      snippets(city.base + "/collectives/grenoble?lang=fr");
      js.executeScript("document.getElementById('embed').scrollIntoView();");
      Browser.screenshot(driver, SHOTS, "embed-04-collective-snippets-390");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  @Test
  void withoutAnAgendaTheComponentKeepsItsPlainLinkAndSaysSo() {
    SITE_PAGE.set("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body>"
        + "<script src=\"" + city.base + "/static/coordo-agenda.js\" defer></script>"
        + "<coordo-agenda src=\"" + city.base + "/collectives/nope/embed.json\"><a href=\"" + city.base
        + "/collectives/nope/agenda\">Our agenda</a></coordo-agenda></body></html>");
    driver.get(siteUrl());
    JavascriptExecutor js = driver;
    new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> js.executeScript(
        "var r = document.querySelector('coordo-agenda').shadowRoot; return r && r.querySelector('p');") != null);
    assertEquals("The agenda could not be loaded.", js.executeScript(
        "return document.querySelector('coordo-agenda').shadowRoot.querySelector('p').textContent;"));
    assertEquals("Our agenda", driver.findElement(By.cssSelector("coordo-agenda a")).getText(),
        "the fallback link stays visible through the slot");
  }
}
