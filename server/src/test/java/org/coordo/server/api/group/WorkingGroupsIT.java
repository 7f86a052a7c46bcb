package org.coordo.server.api.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.coordo.federation.ActorType;
import org.coordo.federation.FollowState;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.RecordingListener;
import org.coordo.federation.testkit.TestNode;
import org.coordo.server.api.aggregation.FederatedTestNode;
import org.coordo.server.app.TestNodes;
import org.coordo.server.auth.Role;
import org.coordo.server.service.account.UserService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Working groups on a whole node over HTTP: an editor creates groups with their pilots, a member
 * joins an open group and asks to join another, a pilot accepts, schedules and posts; a plain
 * member is refused the pilots' routes with 403, a signed-in stranger gets 404 on every internal route
 * (an anonymous caller 401, as on every route that needs an account). A
 * public group's actor is fetched and followed from a second node, which receives what it announces;
 * nothing of an internal group is reachable from outside.
 */
class WorkingGroupsIT {
  @TempDir
  Path dir;
  FederatedTestNode a;
  String editor;
  String pilot;
  String member;
  String lyon;

  @BeforeEach
  void setUp() {
    java.nio.file.Path nodeDir = dir.resolve("a");
    try {
      java.nio.file.Files.createDirectories(nodeDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    a = FederatedTestNode.city(nodeDir);
    editor = a.collectiveWithEditor("grenoble", "Grenoble", "ed");
    lyon = a.collectiveWithEditor("lyon", "Lyon", "lea");
    pilot = memberToken("pia");
    member = memberToken("max");
  }

  @AfterEach
  void tearDown() {
    if (a != null) {
      a.close();
    }
  }

  private String memberToken(String name) {
    var accounts = a.accounts();
    Await.result(accounts.users().create(new UserService.NewUser(name, name, name + "-password-long"), false,
        Map.of("grenoble", Role.MEMBER)));
    return Await.result(accounts.sessions().createToken(name, "test")).token();
  }

  private static final String G = "/api/collectives/grenoble/groups";

  private void createGroup(String name, String policy) {
    a.json("POST", G, editor, new JsonObject().put("name", name).put("displayName", "Groupe " + name)
        .put("purpose", "Pour *agir*").put("joinPolicy", policy).put("pilots", new JsonArray().add("pia")), 201);
  }

  private JsonObject meeting(String start, boolean open) {
    return new JsonObject().put("start", start).put("end", start.replace("T18", "T20")).put("timezone", "Europe/Paris")
        .put("place", "Maison des associations").put("agenda", "Préparer la manif\nPoint 2").put("public", open);
  }

  @Test
  void membersJoinPilotsDecideScheduleAndPostAndEveryRouteAnswersByRole() {
    createGroup("logement", "open");
    createGroup("sante", "by-request");
    // a plain member cannot create a group: 403; a stranger (editor of another collective): 404
    assertEquals(403, a.send("POST", G, member, new JsonObject().put("name", "x").put("pilots", new JsonArray().add("max"))).statusCode());
    assertEquals(404, a.send("POST", G, lyon, new JsonObject().put("name", "x").put("pilots", new JsonArray().add("max"))).statusCode());

    JsonObject list = a.json("GET", G, member, null, 200);
    assertEquals(List.of("logement", "sante"), list.getJsonArray("groups").stream()
        .map(o -> ((JsonObject) o).getString("name")).toList());

    // open: max is in at once; by request: he waits for a pilot
    assertEquals("member", a.json("POST", G + "/logement/join", member, null, 200).getString("standing"));
    assertEquals("requested", a.json("POST", G + "/sante/join", member, null, 200).getString("standing"));
    assertEquals(403, a.send("GET", G + "/sante/meetings", member, null).statusCode());
    assertEquals(403, a.send("PUT", G + "/sante/members/max", member, new JsonObject().put("standing", "member")).statusCode());
    assertEquals("member", a.json("PUT", G + "/sante/members/max", pilot, new JsonObject().put("standing", "member"), 200)
        .getString("standing"));

    // the pilot schedules and posts; the member reads both
    JsonObject m = a.json("POST", G + "/logement/meetings", pilot, meeting("2030-03-14T18:30", false), 201);
    assertEquals("2030-03-14T18:30:00+01:00", m.getString("start"));
    a.json("POST", G + "/logement/board", pilot, new JsonObject().put("text", "Bienvenue **à tous** <img src=x onerror=alert(1)>"), 201);
    JsonObject planning = a.json("GET", G + "/logement/meetings", member, null, 200);
    assertEquals(List.of(m.getString("id")), planning.getJsonArray("meetings").stream()
        .map(o -> ((JsonObject) o).getString("id")).toList());
    String html = a.json("GET", G + "/logement/board", member, null, 200).getJsonArray("posts").getJsonObject(0).getString("html");
    assertTrue(html.contains("<strong>à tous</strong>") && !html.contains("<img"), html);
    JsonObject mine = a.json("GET", "/api/me/meetings", member, null, 200);
    assertEquals(m.getString("id"), mine.getJsonArray("meetings").getJsonObject(0).getString("id"));

    // pilots' routes refused to a plain member with 403 (he knows the group), to a stranger with 404
    String id = m.getString("id");
    Map<String[], JsonObject> pilotRoutes = new java.util.LinkedHashMap<>();
    pilotRoutes.put(new String[] {"POST", G + "/logement/meetings"}, meeting("2030-04-01T18:00", false));
    pilotRoutes.put(new String[] {"PATCH", G + "/logement/meetings/" + id}, meeting("2030-04-01T18:00", false));
    pilotRoutes.put(new String[] {"POST", G + "/logement/meetings/" + id + "/cancel"}, null);
    pilotRoutes.put(new String[] {"POST", G + "/logement/board"}, new JsonObject().put("text", "hi"));
    pilotRoutes.put(new String[] {"PUT", G + "/logement/members/max"}, new JsonObject().put("standing", "pilot"));
    pilotRoutes.put(new String[] {"DELETE", G + "/logement/members/pia"}, null);
    pilotRoutes.put(new String[] {"PATCH", G + "/logement"}, new JsonObject().put("purpose", "autre"));
    pilotRoutes.put(new String[] {"POST", G + "/logement/public"}, null);
    pilotRoutes.forEach((route, body) -> {
      assertEquals(403, a.send(route[0], route[1], member, body).statusCode(), route[0] + " " + route[1] + " as a member");
      assertEquals(404, a.send(route[0], route[1], lyon, body).statusCode(), route[0] + " " + route[1] + " as a stranger");
      // anonymously: the gate asks for an account first, whatever the group (AccessGate's one rule)
      assertEquals(401, a.send(route[0], route[1], null, body).statusCode(), route[0] + " " + route[1] + " anonymously");
    });
    for (String path : List.of(G, G + "/logement", G + "/logement/members", G + "/logement/meetings", G + "/logement/board")) {
      HttpResponse<String> r = a.send("GET", path, lyon, null);
      assertEquals(404, r.statusCode(), path);
      assertFalse(r.body().contains("logement") || r.body().contains("Préparer"), r.body());
      assertEquals(401, a.send("GET", path, null, null).statusCode(), path);
    }
    // and a group that does not exist answers exactly as a hidden one
    assertEquals(a.send("GET", G + "/logement/board", lyon, null).body(), a.send("GET", G + "/nope/board", lyon, null).body());

    // removal: the member leaves the planning
    a.send("DELETE", G + "/logement/members/max", pilot, null);
    assertEquals(403, a.send("GET", G + "/logement/meetings", member, null).statusCode());
  }

  @Test
  void aPublicGroupIsFollowedFromAnotherNodeAndAnInternalOneStaysInside() throws Exception {
    createGroup("logement", "open");
    createGroup("secret", "open");
    JsonObject made = a.json("POST", G + "/logement/public", editor, null, 200);
    URI groupActor = URI.create(made.getString("actor"));
    assertEquals(a.base + "/actors/grenoble.logement", groupActor.toString());
    JsonObject secretMeeting = a.json("POST", G + "/secret/meetings", pilot, meeting("2030-03-10T18:00", true), 201);
    JsonObject internalMeeting = a.json("POST", G + "/logement/meetings", pilot, meeting("2030-03-11T18:00", false), 201);

    Vertx vertx = Vertx.vertx();
    TestNode b = TestNode.start(vertx, dir.resolve("b"));
    try {
      RecordingListener creates = b.record("Create");
      RecordingListener updates = b.record("Update");
      b.createActor("reader", ActorType.Person, false);

      // the second node fetches both actors: linked both ways
      JsonObject groupDoc = Await.result(b.federation().context().fetchActivity(groupActor)).json();
      assertEquals("Group", groupDoc.getString("type"));
      assertEquals(a.base + "/actors/grenoble", groupDoc.getString("attributedTo"));
      assertEquals(a.base + "/actors/grenoble", groupDoc.getString("workingGroupOf"));
      assertEquals("coordo:workingGroupOf", groupDoc.getJsonArray("@context").getJsonObject(2)
          .getJsonObject("workingGroupOf").getString("@id"));
      assertFalse(groupDoc.containsKey("upcomingEvents"), "a working group serves no collective agenda");
      JsonObject collectiveDoc = Await.result(b.federation().context().fetchActivity(a.actor("grenoble"))).json();
      assertEquals(new JsonArray().add(groupActor.toString()), collectiveDoc.getJsonArray("workingGroups"));

      // and follows the group: accepted at once, like a collective
      Await.result(b.federation().context().follow("reader", "@grenoble.logement@127.0.0.1:" + a.port));
      Await.until("the follow is accepted", () -> Await.result(b.federation().context()
          .findFollowing("reader", groupActor)).map(f -> f.state() == FollowState.ACCEPTED).orElse(false),
          Duration.ofSeconds(30));

      JsonObject open = a.json("POST", G + "/logement/meetings", pilot, meeting("2030-03-20T18:30", true), 201);
      String eventId = a.base + "/collectives/grenoble/groups/logement/meetings/" + open.getString("id");
      Await.until("the follower receives the meeting", () -> creates.findByObject(eventId).isPresent(), Duration.ofSeconds(30));
      InboundActivity create = creates.findByObject(eventId).orElseThrow();
      JsonObject event = create.activity().getJsonObject("object");
      assertEquals("Event", event.getString("type"));
      assertEquals("2030-03-20T18:30:00+01:00", event.getString("startTime"));
      assertEquals(groupActor.toString(), create.activity().getString("actor"));
      assertFalse(create.activity().encode().contains("pia"), "no member named: " + create.activity().encode());

      a.json("POST", G + "/logement/meetings/" + open.getString("id") + "/cancel", pilot, null, 200);
      Await.until("the follower learns it is cancelled", () -> updates.findByObject(eventId).isPresent(), Duration.ofSeconds(30));
      assertEquals("Cancelled", updates.findByObject(eventId).orElseThrow().activity().getJsonObject("object").getString("eventStatus"));

      // the public meeting is served by id; internal ones, and anything of the internal group, are not
      assertEquals(200, asJson(eventId).statusCode());
      for (String hidden : List.of(
          a.base + "/collectives/grenoble/groups/logement/meetings/" + internalMeeting.getString("id"),
          a.base + "/collectives/grenoble/groups/secret/meetings/" + secretMeeting.getString("id"),
          a.base + "/actors/grenoble.secret")) {
        assertEquals(404, asJson(hidden).statusCode(), hidden);
      }
      assertEquals(List.of(eventId), creates.received().stream().map(InboundActivity::objectId).toList(),
          "only the public meeting of the public group left the node");
    } finally {
      b.close();
      Await.result(vertx.close());
    }
  }

  private HttpResponse<String> asJson(String url) {
    return TestNodes.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/activity+json").GET().build());
  }
}
