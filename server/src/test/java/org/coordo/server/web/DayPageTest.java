package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.actionday.CityAnswer;
import org.coordo.server.domain.actionday.DayEvent;
import org.coordo.server.domain.actionday.DayOfAction;
import org.coordo.server.domain.actionday.DayOverview;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.domain.publication.ActionDay;
import org.coordo.server.web.map.MapOutline;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/** The day of action's page as the template draws it from a day's overview (no node: see DayPagesIT for HTTP). */
class DayPageTest {
  private static final Messages MESSAGES = Messages.load();
  private static final MapOutline FRANCE = MapOutline.france();

  private static DayEvent event(String id, String city, String cityName, String title, String start, Double lat,
      Double lon, String status) {
    Instant at = Instant.parse(start);
    return new DayEvent("https://" + city + ".example/objects/" + id, "https://" + city + ".example/collectives/"
        + city + "/events/" + id, title, null, city, cityName, at, null, "Europe/Paris", "Place " + id, lat, lon, null,
        status, false, at.minusSeconds(86_400), null, 0);
  }

  private static DayOverview overview() {
    DayOfAction day = new DayOfAction("d1", "https://national.example/objects/d1",
        "https://national.example/collectives/national/calls/d1", "Tous et toutes dans la rue le 9 octobre", null,
        new ActionDay(LocalDate.of(2026, 10, 9), null, "Contre la réforme des retraites", NodeTime.DEFAULT_ZONE),
        "national", "Coordination nationale", "https://national.example/actors/national", false,
        Instant.parse("2026-09-01T10:00:00Z"), null);
    CityAnswer grenoble = new CityAnswer("grenoble", "Collectif de Grenoble", List.of(
        event("g1", "grenoble", "Collectif de Grenoble", "Rassemblement gare", "2026-10-09T08:00:00Z", 45.19, 5.72,
            "Scheduled"),
        event("g2", "grenoble", "Collectif de Grenoble", "Manifestation", "2026-10-09T12:00:00Z", 45.188, 5.724,
            "Scheduled"),
        event("g3", "grenoble", "Collectif de Grenoble", "AG du soir", "2026-10-09T17:30:00Z", 45.19, 5.73,
            "Cancelled")));
    CityAnswer lille = new CityAnswer("lille", "Lille en lutte", List.of(
        event("l1", "lille", "Lille en lutte", "Cortège", "2026-10-09T09:00:00Z", 50.63, 3.06, "Scheduled")));
    CityAnswer reunion = new CityAnswer("reunion", "La Réunion", List.of(
        event("r1", "reunion", "La Réunion", "Défilé à Saint-Denis", "2026-10-09T05:00:00Z", -20.88, 55.45, "Scheduled"),
        event("r2", "reunion", "La Réunion", "Atelier banderoles", "2026-10-09T06:00:00Z", null, null, "Scheduled")));
    return new DayOverview(day, List.of(grenoble, lille, reunion), List.of(
        new FollowedCity("brest", "Brest solidaire", "@brest@brest.example", "https://brest.example/collectives/brest",
            true, "https://brest.example/actors/brest")));
  }

  private static Document render(String lang, DayOverview overview, Map<String, FollowedCity> followed) {
    PageContext p = new PageContext(MESSAGES.bundle(lang), "/days/d1", Optional.empty(), "token", "national.example");
    DayPage page = new DayPage(overview, followed, "national.example", FRANCE, p.messages());
    Map<String, Object> params = new HashMap<>();
    params.put("p", p);
    params.put("d", page);
    return Jsoup.parse(new Renderer().render("day.jte", params));
  }

  private static Map<String, FollowedCity> followed() {
    return Map.of("lille", new FollowedCity("lille", "Lille en lutte", "@lille@lille.example",
        "https://lille.example/collectives/lille", true, "https://lille.example/actors/lille"));
  }

  @Test
  void listsEveryCityWithItsEventsByTimeInFrench() {
    Document doc = render("fr", overview(), followed());
    assertEquals("Tous et toutes dans la rue le 9 octobre", doc.selectFirst("h1").text());
    assertEquals("vendredi 9 octobre 2026", doc.getElementById("day-dates").text());
    assertEquals("2026-10-09", doc.getElementById("day-dates").attr("datetime"));
    assertEquals("Contre la réforme des retraites", doc.getElementById("day-theme").text());
    assertTrue(doc.getElementById("day-counts").text().contains("6, dans 3 villes"), doc.getElementById("day-counts").text());
    Elements cities = doc.select(".day-city");
    assertEquals(List.of("Collectif de Grenoble", "Lille en lutte", "La Réunion"),
        cities.stream().map(c -> c.selectFirst("h3 a, h3 span:not(.handle)").text()).toList());
    Element grenoble = cities.get(0);
    assertEquals("@grenoble@grenoble.example", grenoble.selectFirst(".handle").text(), "handle from the events' host");
    assertEquals(List.of("Rassemblement gare", "Manifestation", "AG du soir"),
        grenoble.select("li > a").stream().map(Element::text).toList());
    assertTrue(grenoble.select("li").get(0).selectFirst(".meta").text().startsWith("10:00"), "Paris time");
    Element cancelled = grenoble.select("li").get(2);
    assertTrue(cancelled.hasClass("cancelled"));
    assertEquals("Annulé", cancelled.selectFirst(".badge").text());
    Element lille = cities.get(1);
    assertEquals("@lille@lille.example", lille.selectFirst(".handle").text());
    assertEquals("https://lille.example/collectives/lille", lille.selectFirst("h3 a").attr("href"));
    assertEquals("https://lille.example/collectives/lille/events/l1", lille.selectFirst("li a").attr("href"));
  }

  @Test
  void drawsOneMarkerPerEventOnTheMapAndListsTheOthersBesideIt() {
    Document doc = render("fr", overview(), followed());
    Element svg = doc.selectFirst("#day-map svg");
    assertNotNull(svg);
    assertEquals("img", svg.attr("role"));
    assertTrue(svg.attr("aria-label").contains("4 sur la carte"), svg.attr("aria-label"));
    assertEquals("day-list-heading", svg.attr("aria-describedby"));
    assertNotNull(doc.getElementById("day-list-heading"), "the list is the map's text alternative");
    assertEquals(FRANCE.path(), svg.selectFirst("path.land").attr("d"));
    Elements markers = svg.select("circle.marker");
    assertEquals(4, markers.size(), "Grenoble's three events and Lille's; La Réunion is off the map");
    assertEquals(1, svg.select("circle.marker.cancelled").size());
    for (Element m : markers) {
      double x = Double.parseDouble(m.attr("cx"));
      double y = Double.parseDouble(m.attr("cy"));
      assertTrue(x >= 0 && x <= FRANCE.width() && y >= 0 && y <= FRANCE.height(), m.outerHtml());
      assertFalse(m.selectFirst("title").text().isBlank());
    }
    Element lilleMarker = markers.stream().filter(m -> m.selectFirst("title").text().contains("Cortège")).findFirst()
        .orElseThrow();
    Element grenobleMarker = markers.stream().filter(m -> m.selectFirst("title").text().contains("Manifestation"))
        .findFirst().orElseThrow();
    assertTrue(Double.parseDouble(lilleMarker.attr("cy")) < Double.parseDouble(grenobleMarker.attr("cy")),
        "Lille is drawn north of Grenoble");
    assertEquals("https://lille.example/collectives/lille/events/l1", lilleMarker.parent().attr("href"));
    assertEquals(List.of("Défilé à Saint-Denis", "Atelier banderoles"),
        doc.select(".off-map li > a").stream().map(Element::text).toList());
  }

  @Test
  void namesTheCitiesThatHaveNotAnsweredAndLinksTheFeeds() {
    Document doc = render("fr", overview(), followed());
    Element waiting = doc.getElementById("day-not-answered");
    assertEquals("Villes qui n’ont pas encore répondu", waiting.selectFirst("h2").text());
    assertEquals("Brest solidaire @brest@brest.example", waiting.selectFirst("li").text());
    assertEquals("/days/d1/agenda.ics", doc.getElementById("day-ics").attr("href"));
    assertEquals("/days/d1/feed.rss", doc.getElementById("day-rss").attr("href"));
  }

  @Test
  void speaksEnglishAndShowsARangeOfDays() {
    DayOverview o = overview();
    DayOfAction d = o.day();
    DayOfAction week = new DayOfAction(d.id(), d.uri(), d.url(), d.title(), d.summary(),
        new ActionDay(LocalDate.of(2026, 10, 9), LocalDate.of(2026, 10, 11), d.day().theme(), NodeTime.DEFAULT_ZONE),
        d.collective(), d.collectiveName(), d.collectiveUri(), d.local(), d.published(), d.updated());
    Document doc = render("en", new DayOverview(week, o.cities(), List.of()), Map.of());
    assertEquals("from Friday, October 9, 2026 to Sunday, October 11, 2026", doc.getElementById("day-dates").text());
    assertEquals("By city", doc.getElementById("day-list-heading").text());
    assertTrue(doc.select(".day-city li .meta").first().text().startsWith("Friday 9 October"),
        doc.select(".day-city li .meta").first().text());
    assertTrue(doc.getElementById("day-not-answered") == null, "a city node has no member list to show");
  }

  @Test
  void aDayWithoutEventsSaysSoAndDrawsAnEmptyMap() {
    DayOverview o = overview();
    Document doc = render("fr", new DayOverview(o.day(), List.of(), o.notAnswered()), Map.of());
    assertEquals("Aucune ville n’a encore annoncé d’événement pour cette journée.", doc.selectFirst(".day-list p").text());
    assertEquals(0, doc.select("circle.marker").size());
    assertNotNull(doc.selectFirst("#day-map path.land"));
  }
}
