package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coordo.federation.ActorType;
import org.coordo.federation.FederationContext;
import org.coordo.federation.FollowState;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.SignedPoster;
import org.coordo.federation.testkit.TestNode;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.coordination.MembershipRequest;
import org.coordo.server.service.account.Accounts;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The national coordination's membership on real nodes over loopback (issue 17): a national node, two
 * city nodes (Grenoble, Lille) with their pages, and a bare federation peer that is not Coordo. Anyone's
 * follow of the national group is accepted at once; a city asks to join from its members' space and a
 * national admin accepts (or refuses) from the requests page, as a browser posts the form; a forged
 * Join changes nothing; the member list is public (page and JSON); the mobilisation dashboard counts
 * what each city published, and its CSV reads back. The steps build on each other (shared nodes).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoordinationIT {
  static final String ROOT_PASSWORD = "root-password-long";
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path nDir;
  @TempDir static Path gDir;
  @TempDir static Path lDir;
  @TempDir static Path pDir;
  static WebTestNode national;
  static WebTestNode grenoble;
  static WebTestNode lille;
  static Vertx vertx;
  static TestNode peer;
  static FormBrowser admin;

  @BeforeAll
  static void start() throws Exception {
    national = WebTestNode.national(nDir);
    grenoble = WebTestNode.start(gDir);
    lille = WebTestNode.start(lDir);
    Accounts la = lille.node.services().accounts();
    await(la.collectives().create("lille", "Collectif de Lille", "Lille en lutte.", false));
    await(la.users().create(new UserService.NewUser("louise", "Louise", WebTestNode.PASSWORD), false,
        Map.of("lille", Role.EDITOR)));
    await(national.node.services().accounts().users().create(new UserService.NewUser("root", "Root", ROOT_PASSWORD),
        true, Map.of()));
    vertx = Vertx.vertx();
    peer = TestNode.start(vertx, pDir);
    peer.createActor("ada", ActorType.Person, false);
    peer.createActor("forger", ActorType.Group, false);
    admin = FormBrowser.signedIn(national.base, "root", ROOT_PASSWORD);
  }

  @AfterAll
  static void stop() {
    for (WebTestNode n : new WebTestNode[] {national, grenoble, lille}) {
      if (n != null) {
        n.close();
      }
    }
    if (peer != null) {
      peer.close();
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  static String handle(WebTestNode n, String name) {
    return "@" + name + "@127.0.0.1:" + n.port;
  }

  static URI actor(WebTestNode n, String name) {
    return URI.create(n.base + "/actors/" + name);
  }

  static FederationContext fed(WebTestNode n) {
    return n.node.services().fed();
  }

  static boolean follows(WebTestNode from, String local, URI remote) {
    return await(fed(from).findFollowing(local, remote)).map(f -> f.state() == FollowState.ACCEPTED).orElse(false);
  }

  static Optional<MembershipRequest> request(URI city) {
    return await(national.node.services().coordination().national().requests()).stream()
        .filter(r -> r.actor().equals(city)).findFirst();
  }

  static String joinState(FormBrowser editor, String collective) throws Exception {
    HttpResponse<String> page = editor.get("/espace/" + collective + "/coordination");
    assertEquals(200, page.statusCode(), page.body());
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"join-state\" data-state=\"([a-z]+)\"")
        .matcher(page.body());
    return m.find() ? m.group(1) : "none";
  }

  @Test
  @Order(1)
  void aFollowOfTheNationalGroupFromAnotherServerIsAcceptedAtOnce() throws Exception {
    HttpResponse<String> doc = TestNodes.send(java.net.http.HttpRequest.newBuilder(actor(national, "national"))
        .header("Accept", "application/activity+json").GET().build());
    assertEquals(200, doc.statusCode());
    assertEquals(false, new JsonObject(doc.body()).getBoolean("manuallyApprovesFollowers"), doc.body());

    FederationContext ada = peer.federation().context();
    await(ada.follow("ada", handle(national, "national")));
    TestNodes.waitUntil(WAIT, "the national group accepted ada's follow", () ->
        await(ada.findFollowing("ada", actor(national, "national"))).map(f -> f.state() == FollowState.ACCEPTED)
            .orElse(false));
    assertTrue(await(fed(national).followers("national", 100)).stream()
        .anyMatch(f -> f.actorId().equals(peer.actorId("ada"))), "ada is a follower");
    assertTrue(await(fed(national).pendingFollowers("national", 100)).isEmpty(), "nobody waits");
  }

  @Test
  @Order(2)
  void aCityAsksToJoinAndTheAdminAcceptsFromThePage() throws Exception {
    FormBrowser alice = FormBrowser.signedIn(grenoble.base, WebTestNode.EDITOR, WebTestNode.PASSWORD);
    assertEquals("none", joinState(alice, "grenoble"));
    HttpResponse<String> asked = alice.post("/espace/grenoble/coordination", Map.of("handle", handle(national, "national")));
    assertEquals(303, asked.statusCode(), asked.body());
    assertEquals("pending", joinState(alice, "grenoble"));
    TestNodes.waitUntil(WAIT, "the request reached the national node", () -> request(actor(grenoble, "grenoble"))
        .isPresent());

    HttpResponse<String> requests = admin.get("/espace/coordination/requests");
    assertEquals(200, requests.statusCode());
    assertTrue(requests.body().contains("Collectif de Grenoble"), requests.body());
    assertTrue(requests.body().contains(handle(grenoble, "grenoble")), requests.body());
    HttpResponse<String> accepted = admin.post("/espace/coordination/requests",
        Map.of("actor", actor(grenoble, "grenoble").toString(), "decision", "accept"));
    assertEquals(303, accepted.statusCode(), accepted.body());

    TestNodes.waitUntil(WAIT, "the national group follows grenoble", () ->
        follows(national, "national", actor(grenoble, "grenoble")));
    TestNodes.waitUntil(WAIT, "grenoble learns it is a member", () -> {
      try {
        return "member".equals(joinState(alice, "grenoble"));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    // its publications now reach the national node
    String token = await(grenoble.node.services().accounts().sessions().createToken(WebTestNode.EDITOR, "t")).token();
    apiPost(grenoble, "/api/collectives/grenoble/calls", token, new JsonObject().put("title", "Appel de Grenoble")
        .put("content", "Tous et toutes à l'AG.").put("publish", true));
    TestNodes.waitUntil(WAIT, "the call reached the national node", () -> titles("/api/national/calls?city=grenoble")
        .contains("Appel de Grenoble"));

    // the public list, page and JSON
    HttpResponse<String> page = TestNodes.send(java.net.http.HttpRequest.newBuilder(URI.create(national.base
        + "/coordination")).header("Accept-Language", "fr").GET().build());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Collectif de Grenoble") && page.body().contains(handle(grenoble, "grenoble"))
        && page.body().contains("A demandé à rejoindre"), page.body());
    JsonObject json = new JsonObject(TestNodes.get(national.port, "/api/coordination/cities").body());
    JsonObject g = json.getJsonArray("items").getJsonObject(0);
    assertEquals(handle(grenoble, "grenoble"), g.getString("handle"));
    assertEquals("joined", g.getString("how"));
    assertEquals(actor(grenoble, "grenoble").toString(), g.getString("actor"));
  }

  @Test
  @Order(3)
  void aRefusedRequestIsShownAsRefusedAndTheNationalNodeDoesNotFollow() throws Exception {
    FormBrowser louise = FormBrowser.signedIn(lille.base, "louise", WebTestNode.PASSWORD);
    assertEquals(303, louise.post("/espace/lille/coordination", Map.of("handle", handle(national, "national")))
        .statusCode());
    TestNodes.waitUntil(WAIT, "lille's request arrived", () -> request(actor(lille, "lille")).isPresent());
    admin.get("/espace/coordination/requests");
    assertEquals(303, admin.post("/espace/coordination/requests",
        Map.of("actor", actor(lille, "lille").toString(), "decision", "refuse")).statusCode());
    TestNodes.waitUntil(WAIT, "lille learns the refusal", () -> {
      try {
        return "refused".equals(joinState(louise, "lille"));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertEquals(MembershipRequest.State.REFUSED, request(actor(lille, "lille")).orElseThrow().state());
    assertTrue(await(fed(national).findFollowing("national", actor(lille, "lille"))).isEmpty());
    assertFalse(TestNodes.get(national.port, "/api/coordination/cities").body().contains("/actors/lille"));
  }

  @Test
  @Order(4)
  void aForgedJoinOrAJoinOfAnotherGroupChangesNothing() throws Exception {
    try (SignedPoster poster = new SignedPoster(vertx)) {
      URI inbox = fed(national).uris().inbox("national");
      // claims to be Lille, signed with another server's key: refused by the inbox, nothing recorded
      JsonObject forged = new JsonObject().put("id", lille.base + "/activities/forged-join").put("type", "Join")
          .put("actor", actor(lille, "lille").toString()).put("object", actor(national, "national").toString());
      assertEquals(401, poster.post(inbox, forged, SignedPoster.signerOf(peer.federation(), "forger")));
      assertEquals(MembershipRequest.State.REFUSED, request(actor(lille, "lille")).orElseThrow().state());
      // a group's own Join, but of another group; a person's Join of the national group: no request
      JsonObject other = new JsonObject().put("id", peer.url() + "/activities/j1").put("type", "Join")
          .put("actor", peer.actorId("forger").toString()).put("object", actor(grenoble, "grenoble").toString());
      assertEquals(202, poster.post(inbox, other, SignedPoster.signerOf(peer.federation(), "forger")));
      JsonObject person = new JsonObject().put("id", peer.url() + "/activities/j2").put("type", "Join")
          .put("actor", peer.actorId("ada").toString()).put("object", actor(national, "national").toString());
      assertEquals(202, poster.post(inbox, person, SignedPoster.signerOf(peer.federation(), "ada")));
    }
    assertTrue(request(peer.actorId("forger")).isEmpty());
    assertTrue(request(peer.actorId("ada")).isEmpty());
    assertEquals(2, await(national.node.services().coordination().national().requests()).size());
  }

  @Test
  @Order(5)
  void theDashboardCountsWhatEachCityPublishedAndItsCsvReadsBack() throws Exception {
    // Lille becomes a member the other way (the national group follows it); Grenoble follows the national group
    await(national.node.services().national().follow(handle(lille, "lille")));
    await(fed(grenoble).follow("grenoble", handle(national, "national")));
    TestNodes.waitUntil(WAIT, "follows accepted", () -> follows(national, "national", actor(lille, "lille"))
        && follows(grenoble, "grenoble", actor(national, "national")));
    String g = await(grenoble.node.services().accounts().sessions().createToken(WebTestNode.EDITOR, "t2")).token();
    String l = await(lille.node.services().accounts().sessions().createToken("louise", "t")).token();
    apiPost(grenoble, "/api/collectives/grenoble/calls", g, new JsonObject().put("title", "Deuxième appel")
        .put("content", "Encore.").put("publish", true));
    apiPost(grenoble, "/api/collectives/grenoble/events", g, event("AG à Grenoble", 5));
    apiPost(lille, "/api/collectives/lille/minutes", l, new JsonObject().put("title", "CR de Lille")
        .put("assemblyDate", "2026-11-20").put("content", "Décisions.").put("publish", true));
    TestNodes.waitUntil(WAIT, "everything arrived", () -> titles("/api/national/calls?city=grenoble").size() == 2
        && titles("/api/national/events?city=grenoble").size() == 1
        && titles("/api/national/minutes?city=lille").size() == 1);
    HttpResponse<String> before = admin.get("/espace/coordination/dashboard");
    assertEquals(200, before.statusCode());
    assertTrue(before.body().contains("Aucune journée d’action prévue"), before.body());

    // the national group calls a day of action; Grenoble links an event to it (days of action, "dayaction")
    java.time.LocalDate date = java.time.LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(10);
    String root = await(national.node.services().accounts().sessions().createToken("root", "t")).token();
    HttpResponse<String> call = TestNodes.post(national.port, "/api/collectives/national/calls", new JsonObject()
        .put("title", "Journée nationale").put("content", "Dans toutes nos villes.").put("publish", true)
        .put("actionDay", new JsonObject().put("firstDay", date.toString()).put("theme", "Retraites")).encode(),
        "Authorization", "Bearer " + root);
    assertEquals(201, call.statusCode(), call.body());
    String dayUri = new JsonObject(call.body()).getString("url");
    TestNodes.waitUntil(WAIT, "the day reached grenoble", () -> TestNodes.get(grenoble.port, "/api/days").body()
        .contains(dayUri));
    apiPost(grenoble, "/api/collectives/grenoble/events", g, event("Manif du " + date, 10)
        .put("partOfActionDay", dayUri));
    TestNodes.waitUntil(WAIT, "the day's event arrived", () -> titles("/api/national/events?city=grenoble").size() == 2);

    HttpResponse<String> page = admin.get("/espace/coordination/dashboard");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Prochaine journée d’action : Journée nationale"), page.body());
    HttpResponse<String> csv = admin.get("/espace/coordination/dashboard.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertTrue(csv.body().startsWith("\uFEFF"), "UTF-8 with a byte-order mark");
    List<List<String>> rows = parseCsv(csv.body().substring(1));
    assertEquals(List.of("city", "name", "handle", "how", "follows_national", "calls", "minutes", "events",
        "last_publication", "next_day_events"), rows.get(0));
    assertEquals(3, rows.size(), rows.toString());
    List<String> gr = rows.stream().filter(r -> r.get(0).equals("grenoble")).findFirst().orElseThrow();
    List<String> li = rows.stream().filter(r -> r.get(0).equals("lille")).findFirst().orElseThrow();
    assertEquals(List.of("Collectif de Grenoble", "'" + handle(grenoble, "grenoble"), "joined", "yes", "2", "0", "2"),
        gr.subList(1, 8));
    assertEquals(List.of("Collectif de Lille", "'" + handle(lille, "lille"), "followed", "no", "0", "1", "0"),
        li.subList(1, 8));
    String today = java.time.LocalDate.now(ZoneId.of("Europe/Paris")).toString();
    assertTrue(gr.get(8).equals(today) || gr.get(8).equals(java.time.LocalDate.now(ZoneId.of("Europe/Paris"))
        .minusDays(1).toString()), gr.toString());
    assertEquals("1", gr.get(9), "grenoble's event on the day of action");
    assertEquals("0", li.get(9), "lille has none yet");
    for (List<String> r : rows) {
      for (String cell : r) {
        assertFalse(!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0, "formula-safe: " + cell);
      }
    }
  }

  @Test
  @Order(6)
  void badInputGetsAClearRefusalNeverAServerError() throws Exception {
    admin.get("/espace/coordination/requests");
    assertEquals(400, admin.post("/espace/coordination/requests", Map.of("actor", "x", "decision", "maybe"))
        .statusCode());
    assertEquals(400, admin.post("/espace/coordination/requests", Map.of("decision", "accept")).statusCode());
    assertEquals(400, admin.post("/espace/coordination/requests", Map.of("actor", "not a url", "decision", "accept"))
        .statusCode());
    assertEquals(404, admin.post("/espace/coordination/requests",
        Map.of("actor", "http://127.0.0.1:1/actors/nobody", "decision", "accept")).statusCode());

    FormBrowser alice = FormBrowser.signedIn(grenoble.base, WebTestNode.EDITOR, WebTestNode.PASSWORD);
    alice.get("/espace/grenoble/coordination");
    assertEquals(422, alice.post("/espace/grenoble/coordination", Map.of("handle", "")).statusCode());
    assertEquals(422, alice.post("/espace/grenoble/coordination", Map.of("handle", "pas un identifiant")).statusCode());
    assertEquals(422, alice.post("/espace/grenoble/coordination", Map.of("handle", "x".repeat(600))).statusCode());
    HttpResponse<String> person = alice.post("/espace/grenoble/coordination", Map.of("handle", peer.handle("ada")));
    assertEquals(422, person.statusCode(), "a person is no coordination");
    assertTrue(person.body().contains("n’est pas celui d’un collectif"), person.body());
    assertEquals(403, alice.post("/espace/lille/coordination", Map.of("handle", handle(national, "national")))
        .statusCode(), "not her collective");
    // the national pages: only the national group's editors and admins
    assertEquals(404, alice.get("/espace/coordination/requests").statusCode(), "no such page on a city node");
    FormBrowser stranger = new FormBrowser(national.base);
    assertEquals(303, stranger.get("/espace/coordination/dashboard").statusCode());
    assertEquals(303, stranger.get("/espace/coordination/dashboard.csv").statusCode());
    assertEquals(303, stranger.get("/espace/coordination/requests").statusCode());
    await(national.node.services().accounts().users().create(new UserService.NewUser("nadia", "Nadia",
        WebTestNode.PASSWORD), false, Map.of()));
    FormBrowser nadia = FormBrowser.signedIn(national.base, "nadia", WebTestNode.PASSWORD);
    assertEquals(403, nadia.get("/espace/coordination/dashboard").statusCode());
    assertEquals(403, nadia.post("/espace/coordination/requests",
        Map.of("actor", actor(lille, "lille").toString(), "decision", "accept")).statusCode());
    // a city node has no national pages
    assertEquals(404, TestNodes.get(grenoble.port, "/coordination").statusCode());
    assertEquals(404, TestNodes.get(grenoble.port, "/api/coordination/cities").statusCode());
  }

  static void apiPost(WebTestNode n, String path, String token, JsonObject body) {
    HttpResponse<String> r = TestNodes.post(n.port, path, body.encode(), "Authorization", "Bearer " + token);
    assertEquals(201, r.statusCode(), r.body());
  }

  static List<String> titles(String path) {
    JsonArray items = new JsonObject(TestNodes.get(national.port, path).body()).getJsonArray("items");
    return items.stream().map(o -> ((JsonObject) o).getString("name")).toList();
  }

  static JsonObject event(String title, int inDays) {
    DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    LocalDateTime day = LocalDateTime.now(ZoneId.of("Europe/Paris")).plusDays(inDays);
    return new JsonObject().put("title", title).put("timezone", "Europe/Paris")
        .put("startTime", day.withHour(18).withMinute(0).format(local))
        .put("endTime", day.withHour(20).withMinute(0).format(local)).put("content", "Venez.")
        .put("location", new JsonObject().put("name", "Grenette").put("address", "Place Grenette")).put("publish", true);
  }

  /** RFC 4180: fields separated by commas, quoted when they hold a comma, quote or line break; CRLF lines. */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(c);
      }
    }
    return rows;
  }

  @Test
  @Order(7)
  void aCityThatApprovesFollowersByHandIsFollowedOnceAcceptedWithoutItsEditorsApprovingAgain() throws Exception {
    Accounts ga = grenoble.node.services().accounts();
    await(ga.collectives().create("voiron", "Collectif de Voiron", "", true)); // approves its followers by hand
    await(grenoble.node.services().coordination().joins().ask("voiron", handle(national, "national")));
    TestNodes.waitUntil(WAIT, "voiron's request arrived", () -> request(actor(grenoble, "voiron")).isPresent());
    admin.get("/espace/coordination/requests");
    assertEquals(303, admin.post("/espace/coordination/requests",
        Map.of("actor", actor(grenoble, "voiron").toString(), "decision", "accept")).statusCode());

    // asking to join was the collective's consent: the national group's follow is accepted, nothing waits
    TestNodes.waitUntil(WAIT, "the national group follows voiron", () ->
        follows(national, "national", actor(grenoble, "voiron")));
    assertTrue(await(fed(grenoble).pendingFollowers("voiron", 10)).isEmpty());
    // anyone else still waits for the editors
    await(fed(lille).follow("lille", "@voiron@127.0.0.1:" + grenoble.port));
    TestNodes.waitUntil(WAIT, "lille's follow waits", () -> !await(fed(grenoble).pendingFollowers("voiron", 10))
        .isEmpty());
  }
}
