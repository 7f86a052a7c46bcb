package org.coordo.server.api.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.coordo.federation.FollowState;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three city nodes (Grenoble, Lille, Toulouse) and a national node, all real, on loopback: what the
 * cities publish through their JSON API reaches the national agenda and feeds, once per object, in
 * start-time order, with cancellations and deletions; the national group re-announces to its own
 * followers (Lille's collective follows it, accepted at once).
 */
class NationalAggregationIT {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  @TempDir Path gDir;
  @TempDir Path lDir;
  @TempDir Path tDir;
  @TempDir Path nDir;
  FederatedTestNode grenoble;
  FederatedTestNode lille;
  FederatedTestNode toulouse;
  FederatedTestNode national;
  String gTok;
  String lTok;
  String tTok;
  String admin;
  final RecordingListener lilleAnnounces = new RecordingListener();

  @BeforeEach
  void setUp() {
    grenoble = FederatedTestNode.city(gDir);
    lille = FederatedTestNode.city(lDir);
    toulouse = FederatedTestNode.city(tDir);
    national = FederatedTestNode.national(nDir, "events-and-calls");
    gTok = grenoble.collectiveWithEditor("grenoble", "Grenoble", "alice");
    lTok = lille.collectiveWithEditor("lille", "Lille", "louise");
    tTok = toulouse.collectiveWithEditor("toulouse", "Toulouse", "theo");
    admin = national.admin("root");
    lille.federation().internals().listeners().on("Announce", lilleAnnounces);
  }

  @AfterEach
  void tearDown() {
    for (FederatedTestNode n : new FederatedTestNode[] {grenoble, lille, toulouse, national}) {
      if (n != null) {
        n.close();
      }
    }
  }

  static JsonObject event(String title, int inDays, String place, String category) {
    String start = LocalDateTime.now(ZoneId.of("Europe/Paris")).plusDays(inDays).withHour(18).withMinute(0).format(LOCAL);
    String end = LocalDateTime.now(ZoneId.of("Europe/Paris")).plusDays(inDays).withHour(21).withMinute(0).format(LOCAL);
    return new JsonObject().put("title", title).put("timezone", "Europe/Paris").put("startTime", start)
        .put("endTime", end).put("content", "Rendez-vous <b>militant</b>.").put("category", category)
        .put("location", new JsonObject().put("name", place).put("address", place)).put("publish", true);
  }

  private JsonArray agenda(String query) {
    return national.json("GET", "/api/agenda" + query, null, null, 200).getJsonArray("items");
  }

  private List<String> names(JsonArray items) {
    return items.stream().map(o -> ((JsonObject) o).getString("name")).collect(Collectors.toList());
  }

  private void nationalFollows(FederatedTestNode city, String name) {
    national.json("POST", "/api/admin/national/follows", admin, new JsonObject().put("target", city.handle(name)), 200);
  }

  private boolean accepted(FederatedTestNode from, String local, URI remote) {
    return Await.result(from.federation().internals().worker().executeBlocking(
        () -> from.federation().internals().follows().findFollowing(local, remote), false))
        .map(f -> f.state() == FollowState.ACCEPTED).orElse(false);
  }

  @Test
  void citiesReachTheNationalAgendaFeedsAndFollowersOnce() throws Exception {
    // published before the national group follows Grenoble: arrives by outbox backfill
    JsonObject early = grenoble.json("POST", "/api/collectives/grenoble/calls", gTok, new JsonObject()
        .put("title", "Organisons des AG partout").put("content", "Appel à <em>toutes</em> les villes.")
        .put("publish", true), 201);

    // the national group follows the three cities (admin API); non-admins are refused
    assertEquals(401, national.send("POST", "/api/admin/national/follows", null,
        new JsonObject().put("target", grenoble.handle("grenoble"))).statusCode());
    nationalFollows(grenoble, "grenoble");
    nationalFollows(lille, "lille");
    nationalFollows(toulouse, "toulouse");
    Await.until("national follows the cities", () -> accepted(national, "national", grenoble.actor("grenoble"))
        && accepted(national, "national", lille.actor("lille")) && accepted(national, "national", toulouse.actor("toulouse")));
    Await.until("the early call was backfilled", () -> national.json("GET", "/api/national/calls", null, null, 200)
        .getJsonArray("items").stream().anyMatch(o -> early.getString("url").equals(((JsonObject) o).getString("id"))));

    // Lille's collective follows the national group
    Await.result(lille.federation().internals().following().follow("lille", national.handle("national")));
    Await.until("the follow reached the national node", () -> Await.result(national.federation().internals().worker()
        .executeBlocking(() -> national.federation().internals().follows().findFollower("national", lille.actor("lille")), false))
        .isPresent());
    // the national group is open to followers (issue 17): accepted at once, nobody approves
    Await.until("lille's follow accepted", () -> accepted(lille, "lille", national.actor("national")));

    // events in the three cities, published out of start order
    JsonObject t = toulouse.json("POST", "/api/collectives/toulouse/events", tTok,
        event("Manif Toulouse", 3, "Capitole, Toulouse", "MOVEMENTS_POLITICS"), 201);
    JsonObject g = grenoble.json("POST", "/api/collectives/grenoble/events", gTok,
        event("AG Grenoble", 1, "Place Grenette, Grenoble", "MEETING"), 201);
    JsonObject l = lille.json("POST", "/api/collectives/lille/events", lTok,
        event("Réunion Lille", 2, "Grand Place, Lille", "MEETING"), 201);
    grenoble.json("POST", "/api/collectives/grenoble/minutes", gTok, new JsonObject().put("title", "CR de l'AG")
        .put("assemblyDate", "2026-11-20").put("content", "Décisions prises.").put("publish", true), 201);

    Await.until("the three events are in the national agenda", () -> agenda("").size() == 3);
    JsonArray items = agenda("");
    assertEquals(List.of("AG Grenoble", "Réunion Lille", "Manif Toulouse"), names(items));
    JsonObject first = items.getJsonObject(0);
    assertEquals("grenoble", first.getString("city"));
    assertEquals(g.getString("url"), first.getString("id"));
    assertEquals("MEETING", first.getJsonObject("event").getString("category"));
    assertEquals(0, first.getInteger("sequence"), "Create, wrapped Announce and plain Announce stored once");
    assertEquals(List.of("Réunion Lille"), names(agenda("?city=lille")));
    assertEquals(List.of("AG Grenoble", "Réunion Lille"), names(agenda("?category=meeting")));
    assertEquals(List.of("Manif Toulouse"), names(agenda("?city=toulouse&category=MOVEMENTS_POLITICS")));
    Await.until("minutes listed", () -> national.json("GET", "/api/national/minutes?city=grenoble", null, null, 200)
        .getJsonArray("items").size() == 1);

    // paging by cursor
    JsonObject page1 = national.json("GET", "/api/agenda?limit=2", null, null, 200);
    assertEquals(2, page1.getJsonArray("items").size());
    JsonObject page2 = national.json("GET", "/api/agenda?limit=2&cursor=" + page1.getString("next"), null, null, 200);
    assertEquals(List.of("Manif Toulouse"), names(page2.getJsonArray("items")));
    assertNull(page2.getString("next"));

    // bad parameters name themselves
    for (String[] bad : new String[][] {{"from=demain", "from"}, {"limit=0", "limit"}, {"city=Bad%20City", "city"},
        {"cursor=%21%21", "cursor"}, {"category=a%20b", "category"}}) {
      HttpResponse<String> r = national.get("/api/agenda?" + bad[0]);
      assertEquals(400, r.statusCode(), bad[0]);
      assertTrue(new JsonObject(r.body()).getString("error").startsWith(bad[1] + ":"), r.body());
    }

    // cancellation and deletion
    lille.json("POST", "/api/collectives/lille/events/" + l.getString("id") + "/cancel", lTok, null, 200);
    toulouse.send("DELETE", "/api/collectives/toulouse/events/" + t.getString("id"), tTok, null);
    Await.until("cancelled and deleted in the national agenda", () -> {
      JsonArray now = agenda("");
      return now.size() == 2 && "Cancelled".equals(now.getJsonObject(1).getJsonObject("event").getString("eventStatus"));
    });
    JsonObject cancelled = agenda("?city=lille").getJsonObject(0);
    assertTrue(cancelled.getInteger("sequence") >= 1, cancelled.encode());

    // iCalendar: parses, stable UIDs, SEQUENCE and STATUS
    HttpResponse<String> ics = national.get("/national/agenda.ics");
    assertEquals(200, ics.statusCode());
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
    List<VEvent> events = calendar.getComponents("VEVENT");
    assertEquals(2, events.size());
    VEvent lilleEvent = events.stream().filter(e -> e.getUid().map(u -> u.getValue()).orElse("").equals(l.getString("url")))
        .findFirst().orElseThrow();
    assertEquals("CANCELLED", lilleEvent.getStatus().getValue());
    assertTrue(Integer.parseInt(lilleEvent.getSequence().getValue()) >= 1);
    assertEquals(1, new CalendarBuilder().build(new StringReader(national.get("/national/agenda.ics?city=grenoble").body()))
        .getComponents("VEVENT").size());

    // RSS and Atom: parse, every kind, deleted event gone
    for (String feed : List.of("/national/feed.rss", "/national/feed.atom")) {
      HttpResponse<String> r = national.get(feed);
      assertEquals(200, r.statusCode(), feed);
      SyndFeed parsed = new SyndFeedInput().build(new StringReader(r.body()));
      List<String> titles = parsed.getEntries().stream().map(SyndEntry::getTitle).toList();
      assertTrue(titles.containsAll(List.of("Organisons des AG partout", "CR de l'AG", "AG Grenoble", "Réunion Lille")),
          feed + " " + titles);
      assertFalse(titles.contains("Manif Toulouse"), feed + " " + titles);
    }
    SyndFeed lilleOnly = new SyndFeedInput().build(new StringReader(national.get("/national/feed.rss?city=lille").body()));
    assertEquals(List.of("Réunion Lille"), lilleOnly.getEntries().stream().map(SyndEntry::getTitle).toList());

    // a collective's whole feeds on its own node
    SyndFeed grenobleFeed = new SyndFeedInput().build(new StringReader(grenoble.get("/collectives/grenoble/feed.atom").body()));
    assertEquals(List.of("AG Grenoble", "CR de l'AG", "Organisons des AG partout"),
        grenobleFeed.getEntries().stream().map(SyndEntry::getTitle).sorted().toList());
    assertEquals(3, new SyndFeedInput().build(new StringReader(grenoble.get("/collectives/grenoble/feed.rss").body()))
        .getEntries().size());
    HttpResponse<String> grenobleIcs = grenoble.get("/collectives/grenoble/agenda.ics");
    assertEquals(200, grenobleIcs.statusCode(), grenobleIcs.body());
    assertEquals(1, new CalendarBuilder().build(new StringReader(grenobleIcs.body())).getComponents("VEVENT").size());
    assertEquals(400, grenoble.get("/collectives/grenoble/feed.rss?from=hier").statusCode());

    // re-announces: Lille's collective (a follower of the national group) got the national boost of
    // Grenoble's event and indexes it under Grenoble
    Await.until("lille got the national re-announce", () -> lilleAnnounces.received().stream()
        .anyMatch(a -> a.actor().equals(national.actor("national")) && g.getString("url").equals(a.objectId())));
    Await.until("lille indexes Grenoble's event", () -> lille.json("GET", "/api/agenda?city=grenoble", null, null, 200)
        .getJsonArray("items").size() == 1);
    // minutes are not boosted by the events-and-calls policy, but an editor can pick them
    String minutesId = national.json("GET", "/api/national/minutes", null, null, 200).getJsonArray("items")
        .getJsonObject(0).getString("id");
    assertTrue(lilleAnnounces.received().stream().noneMatch(a -> minutesId.equals(a.objectId())));
    JsonObject picked = national.json("POST", "/api/national/reannounce", admin, new JsonObject().put("object", minutesId), 200);
    JsonObject again = national.json("POST", "/api/national/reannounce", admin, new JsonObject().put("object", minutesId), 200);
    assertEquals(picked.getString("announce"), again.getString("announce"), "once per object");
    assertNotNull(picked.getString("announce"));
    Await.until("lille got the picked minutes", () -> lilleAnnounces.received().stream()
        .anyMatch(a -> minutesId.equals(a.objectId())));
  }
}
