package org.coordo.server.api.actionday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.coordo.federation.FollowState;
import org.coordo.federation.testkit.Await;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A national node and three city nodes, real, on loopback (issue 17): the national group publishes a day of
 * action; Grenoble links two events to it, Lille one, Toulouse none; the national node gathers them by city,
 * counts them, lists Toulouse as not answered, and serves the day's iCalendar and RSS feeds with exactly
 * those events; moving or cancelling an event changes the day; links to anything but a day are refused.
 */
class ActionDayIT {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @TempDir static Path gDir;
  @TempDir static Path lDir;
  @TempDir static Path tDir;
  @TempDir static Path nDir;
  static FederatedTestNode grenoble;
  static FederatedTestNode lille;
  static FederatedTestNode toulouse;
  static FederatedTestNode national;
  static String gTok;
  static String lTok;
  static String tTok;
  static String nTok;

  @BeforeAll
  static void setUp() {
    grenoble = FederatedTestNode.city(gDir);
    lille = FederatedTestNode.city(lDir);
    toulouse = FederatedTestNode.city(tDir);
    national = FederatedTestNode.national(nDir, "events-and-calls");
    gTok = grenoble.collectiveWithEditor("grenoble", "Grenoble", "alice");
    lTok = lille.collectiveWithEditor("lille", "Lille", "louise");
    tTok = toulouse.collectiveWithEditor("toulouse", "Toulouse", "theo");
    var a = national.accounts();
    Await.result(a.users().create(new UserService.NewUser("nora", "nora", "nora-password-long"), false,
        Map.of("national", Role.EDITOR)));
    nTok = Await.result(a.sessions().createToken("nora", "test")).token();
    String admin = national.admin("root");
    for (Object[] city : new Object[][] {{grenoble, "grenoble"}, {lille, "lille"}, {toulouse, "toulouse"}}) {
      FederatedTestNode node = (FederatedTestNode) city[0];
      String name = (String) city[1];
      national.json("POST", "/api/admin/national/follows", admin, new JsonObject().put("target", node.handle(name)), 200);
      Await.result(node.federation().internals().following().follow(name, national.handle("national")));
      Await.until(name + "'s follow reached the national node", () -> Await.result(national.federation().internals()
          .worker().executeBlocking(() -> national.federation().internals().follows()
              .findFollower("national", node.actor(name)), false)).isPresent());
      Await.result(national.federation().internals().approveFollower("national", node.actor(name)));
    }
    for (Object[] city : new Object[][] {{grenoble, "grenoble"}, {lille, "lille"}, {toulouse, "toulouse"}}) {
      FederatedTestNode node = (FederatedTestNode) city[0];
      String name = (String) city[1];
      Await.until("follows accepted both ways for " + name, () -> accepted(national, "national", node.actor(name))
          && accepted(node, name, national.actor("national")));
    }
  }

  @AfterAll
  static void tearDown() {
    for (FederatedTestNode n : new FederatedTestNode[] {grenoble, lille, toulouse, national}) {
      if (n != null) {
        n.close();
      }
    }
  }

  static boolean accepted(FederatedTestNode from, String local, URI remote) {
    return Await.result(from.federation().internals().worker().executeBlocking(
        () -> from.federation().internals().follows().findFollowing(local, remote), false))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false);
  }

  static JsonObject event(String title, LocalDate day, int hour, String place, String dayLink) {
    JsonObject e = new JsonObject().put("title", title).put("timezone", "Europe/Paris")
        .put("startTime", day + "T" + String.format("%02d", hour) + ":00").put("content", "Rendez-vous.")
        .put("location", new JsonObject().put("name", place).put("latitude", 45.19).put("longitude", 5.72))
        .put("publish", true);
    return dayLink == null ? e : e.put("partOfActionDay", dayLink);
  }

  static JsonObject day(String id) {
    return national.json("GET", "/api/days/" + id, null, null, 200);
  }

  static Set<String> ids(JsonArray events) {
    return events.stream().map(o -> ((JsonObject) o).getString("id")).collect(Collectors.toSet());
  }

  @Test
  void theNationalNodeGathersEachCitysEventsForItsDayOfAction() throws Exception {
    LocalDate date = LocalDate.now(PARIS).plusDays(10);
    // a day of action needs a valid range and theme
    HttpResponse<String> bad = national.send("POST", "/api/collectives/national/calls", nTok, new JsonObject()
        .put("title", "Journée").put("content", "x").put("actionDay", new JsonObject()
            .put("firstDay", date.toString()).put("lastDay", date.minusDays(1).toString()).put("theme", "Retraites")));
    assertEquals(422, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("actionDay.lastDay"), bad.body());

    JsonObject call = national.json("POST", "/api/collectives/national/calls", nTok, new JsonObject()
        .put("title", "Journée nationale du " + date).put("content", "Dans toutes nos villes.").put("publish", true)
        .put("actionDay", new JsonObject().put("firstDay", date.toString()).put("theme", "Retraites")), 201);
    String dayUri = call.getString("url");
    assertEquals("Retraites", call.getJsonObject("actionDay").getString("theme"));
    JsonArray nationalDays = national.json("GET", "/api/days", null, null, 200).getJsonArray("days");
    assertEquals(1, nationalDays.size(), nationalDays.encode());
    String dayId = nationalDays.getJsonObject(0).getString("id");
    assertEquals(call.getString("id"), dayId, "a local day is named by its publication id");

    // the day reaches the cities that follow the national group, as one they may link to
    for (FederatedTestNode city : List.of(grenoble, lille)) {
      Await.until("the day reached " + city.base, () -> city.json("GET", "/api/days", null, null, 200)
          .getJsonArray("days").stream().anyMatch(d -> dayUri.equals(((JsonObject) d).getString("uri"))));
    }

    JsonObject g1 = grenoble.json("POST", "/api/collectives/grenoble/events", gTok,
        event("Manif Grenoble", date, 14, "Place Grenette", dayUri), 201);
    JsonObject g2 = grenoble.json("POST", "/api/collectives/grenoble/events", gTok,
        event("Rassemblement Grenoble", date, 10, "Gare", dayUri), 201);
    assertEquals(dayUri, g1.getString("partOfActionDay"));
    JsonObject l1 = lille.json("POST", "/api/collectives/lille/events", lTok,
        event("Manif Lille", date, 15, "Grand Place", dayUri), 201);
    JsonObject t1 = toulouse.json("POST", "/api/collectives/toulouse/events", tTok,
        event("AG Toulouse", date, 18, "Bourse du travail", null), 201);

    Await.until("the national day gathered three events", () -> day(dayId).getInteger("eventCount") == 3);
    JsonObject overview = day(dayId);
    assertEquals(new JsonObject().put("grenoble", 2).put("lille", 1).put("toulouse", 0), overview.getJsonObject("counts"));
    JsonArray cities = overview.getJsonArray("cities");
    assertEquals(List.of("grenoble", "lille"), cities.stream().map(c -> ((JsonObject) c).getString("city")).toList());
    assertEquals(List.of("Rassemblement Grenoble", "Manif Grenoble"), cities.getJsonObject(0).getJsonArray("events")
        .stream().map(e -> ((JsonObject) e).getString("title")).toList(), "by start time");
    assertEquals(List.of("toulouse"), overview.getJsonArray("notAnswered").stream()
        .map(c -> ((JsonObject) c).getString("city")).toList());
    assertEquals("Retraites", overview.getJsonObject("actionDay").getString("theme"));
    JsonObject manif = cities.getJsonObject(0).getJsonArray("events").getJsonObject(1);
    assertEquals(45.19, manif.getDouble("latitude"));
    assertEquals("Place Grenette", manif.getString("place"));
    Set<String> expected = Set.of(g1.getString("url"), g2.getString("url"), l1.getString("url"));

    // the feeds: exactly those events
    HttpResponse<String> ics = national.get("/days/" + dayId + "/agenda.ics");
    assertEquals(200, ics.statusCode(), ics.body());
    List<VEvent> vevents = new CalendarBuilder().build(new StringReader(ics.body())).getComponents("VEVENT");
    assertEquals(expected, vevents.stream().map(v -> v.getUid().orElseThrow().getValue()).collect(Collectors.toSet()));
    HttpResponse<String> rss = national.get("/days/" + dayId + "/feed.rss");
    assertEquals(200, rss.statusCode(), rss.body());
    SyndFeed feed = new SyndFeedInput().build(new StringReader(rss.body()));
    assertEquals(expected, feed.getEntries().stream().map(SyndEntry::getUri).collect(Collectors.toSet()));

    // a city node shows the national day with its own events (and those the national group boosted to it)
    String remoteId = grenoble.json("GET", "/api/days", null, null, 200).getJsonArray("days").getJsonObject(0)
        .getString("id");
    JsonObject onGrenoble = grenoble.json("GET", "/api/days/" + remoteId, null, null, 200);
    assertEquals(2, onGrenoble.getJsonObject("counts").getInteger("grenoble"), onGrenoble.encode());
    assertEquals(List.of(), onGrenoble.getJsonArray("notAnswered").getList(), "a city node has no member list");
    assertEquals(false, onGrenoble.getBoolean("local"));

    // moving Lille's event and cancelling Grenoble's: the day follows
    lille.json("PUT", "/api/collectives/lille/events/" + l1.getString("id"), lTok,
        event("Manif Lille", date, 11, "Grand Place", dayUri), 200);
    grenoble.json("POST", "/api/collectives/grenoble/events/" + g1.getString("id") + "/cancel", gTok, null, 200);
    Await.until("the national day shows the move and the cancellation", () -> {
      JsonObject now = day(dayId);
      JsonArray all = new JsonArray();
      now.getJsonArray("cities").forEach(c -> ((JsonObject) c).getJsonArray("events").forEach(all::add));
      return all.stream().map(o -> (JsonObject) o).anyMatch(e -> e.getString("id").equals(l1.getString("url"))
              && e.getString("startTime").startsWith(date + "T11:00"))
          && all.stream().map(o -> (JsonObject) o).anyMatch(e -> e.getString("id").equals(g1.getString("url"))
              && "Cancelled".equals(e.getString("eventStatus")));
    });
    VEvent cancelled = new CalendarBuilder().build(new StringReader(national.get("/days/" + dayId + "/agenda.ics")
        .body())).<VEvent>getComponents("VEVENT").stream()
        .filter(v -> v.getUid().orElseThrow().getValue().equals(g1.getString("url"))).findFirst().orElseThrow();
    assertEquals("CANCELLED", cancelled.getStatus().getValue());

    // an event unlinked from the day leaves it
    grenoble.json("PUT", "/api/collectives/grenoble/events/" + g2.getString("id"), gTok,
        event("Rassemblement Grenoble", date, 10, "Gare", null), 200);
    Await.until("the unlinked event left the day", () -> day(dayId).getJsonObject("counts").getInteger("grenoble") == 1);

    // a deleted event leaves the day (the national node removed its copy; the index entry left is skipped),
    // and its city is back among those that have not answered
    lille.send("DELETE", "/api/collectives/lille/events/" + l1.getString("id"), lTok, null);
    Await.until("the deleted event left the day", () -> !day(dayId).getJsonObject("counts").containsKey("lille")
        || day(dayId).getJsonObject("counts").getInteger("lille") == 0);
    assertEquals(List.of("lille", "toulouse"), day(dayId).getJsonArray("notAnswered").stream()
        .map(c -> ((JsonObject) c).getString("city")).toList());

    // links to anything but a day of action are refused with a clear 400, nothing written
    String plainCall = national.json("POST", "/api/collectives/national/calls", nTok, new JsonObject()
        .put("title", "Appel simple").put("content", "x").put("publish", true), 201).getString("url");
    for (String link : List.of(national.base + "/collectives/national/calls/01NOPE", t1.getString("url"), plainCall,
        "pas une adresse", national.base + "/days/nope")) {
      HttpResponse<String> r = grenoble.send("POST", "/api/collectives/grenoble/events", gTok,
          event("Lien invalide", date, 9, "Ici", link));
      assertEquals(400, r.statusCode(), link + " → " + r.body());
      assertTrue(r.body().contains("day of action"), r.body());
    }
    HttpResponse<String> notString = grenoble.send("POST", "/api/collectives/grenoble/events", gTok,
        event("Lien invalide", date, 9, "Ici", null).put("partOfActionDay", 42));
    assertEquals(422, notString.statusCode(), notString.body());

    // bad input on the day's routes: 404s, never a 500
    for (String path : List.of("/api/days/nope", "/api/days/%00", "/api/days/" + "x".repeat(300),
        "/days/nope/agenda.ics", "/days/nope/feed.rss", "/days/%2e%2e/feed.rss")) {
      int status = national.get(path).statusCode();
      assertTrue(status == 404 || status == 400, path + " → " + status);
    }
  }
}
