package org.coordo.server.app;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.coordo.server.auth.Role;
import org.coordo.server.data.publication.PublicationKeyspaces;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's private calendar on a whole node: public and internal events of their collectives, a revocable secret. */
class MemberCalendarIT {
  @TempDir Path dir;
  MembersOnlyLeakIT.City a;

  @AfterEach
  void stop() {
    if (a != null) {
      await(a.node.stop());
    }
  }

  private String path(String link) {
    return URI.create(link).getRawPath();
  }

  @Test
  void theCalendarListsPublicAndInternalEventsOfTheMembersCollectivesOnly() {
    a = new MembersOnlyLeakIT.City(dir);
    await(a.accounts().collectives().create("grenoble", "Grenoble", "", false));
    await(a.accounts().collectives().create("lyon", "Lyon", "", false));
    String alice = a.user("alice", Map.of("grenoble", Role.EDITOR));
    a.user("bob", Map.of("grenoble", Role.MEMBER));
    String carol = a.user("carol", Map.of("lyon", Role.EDITOR));
    String internal = a.create(alice, "events", event("AG interne de Grenoble", "2031-05-02T18:00")
        .put("visibility", "members")).getString("id");
    a.create(alice, "events", event("Manif publique de Grenoble", "2031-05-01T14:00"));
    a.create(alice, "events", event("Brouillon de Grenoble", "2031-05-03T14:00").put("publish", false));
    JsonObject lyon = event("AG interne de Lyon", "2031-05-04T18:00").put("visibility", "members");
    assertEquals(201, TestNodes.send(java.net.http.HttpRequest.newBuilder(URI.create(a.base + "/api/collectives/lyon/events"))
        .header("Authorization", "Bearer " + carol).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(lyon.encode())).build()).statusCode());

    String bob = a.sessionCookie("bob");
    HttpResponse<String> ics = TestNodes.get(a.port, path(MembersOnlyLeakIT.calendarLink(a, bob)));
    assertEquals(200, ics.statusCode());
    assertTrue(ics.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
    assertEquals("private, max-age=300", ics.headers().firstValue("Cache-Control").orElse(""));
    String body = ics.body();
    assertTrue(body.contains("SUMMARY:[interne] AG interne de Grenoble"), body);
    assertTrue(body.contains("SUMMARY:Manif publique de Grenoble"), body);
    assertTrue(body.indexOf("Manif publique") < body.indexOf("AG interne de Grenoble"), "soonest first");
    assertFalse(body.contains("Brouillon"), "drafts are not events yet");
    assertFalse(body.contains("Lyon"), "another collective's internal events stay there");
    // the event's own file ("add to my calendar") is its members', and private
    String file = "/collectives/grenoble/events/" + internal + "/event.ics";
    HttpResponse<String> own = TestNodes.send(java.net.http.HttpRequest.newBuilder(URI.create(a.base + file))
        .header("Cookie", bob).build());
    assertEquals(200, own.statusCode(), own.body());
    assertTrue(own.body().contains("AG interne de Grenoble"));
    assertEquals("private, max-age=300", own.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(404, TestNodes.get(a.port, file).statusCode());
    // the collective's public calendar still shows only the public one
    String pub = TestNodes.get(a.port, "/collectives/grenoble/events.ics").body();
    assertTrue(pub.contains("Manif publique") && !pub.contains("AG interne"), pub);
  }

  @Test
  void renewingTheLinkRevokesTheOldOneAndOnlyItsHashIsStored() {
    a = new MembersOnlyLeakIT.City(dir);
    await(a.accounts().collectives().create("grenoble", "Grenoble", "", false));
    a.user("bob", Map.of("grenoble", Role.MEMBER));
    String cookie = a.sessionCookie("bob");
    String first = MembersOnlyLeakIT.calendarLink(a, cookie);
    assertEquals(200, TestNodes.get(a.port, path(first)).statusCode());
    HttpResponse<String> space = TestNodes.send(java.net.http.HttpRequest.newBuilder(URI.create(a.base + "/espace"))
        .header("Cookie", cookie).build());
    assertFalse(space.body().contains(path(first)), "the members' space never shows the secret again");
    String second = MembersOnlyLeakIT.calendarLink(a, cookie);
    assertFalse(first.equals(second));
    assertEquals(404, TestNodes.get(a.port, path(first)).statusCode(), "the old link is revoked");
    assertEquals(200, TestNodes.get(a.port, path(second)).statusCode());
    assertEquals(404, TestNodes.get(a.port, "/calendar/" + "A".repeat(43) + "/agenda.ics").statusCode());
    assertEquals(404, TestNodes.get(a.port, "/calendar/short/agenda.ics").statusCode());
    String secret = path(second).split("/")[2];
    assertEquals(2, stored(a.node).size(), "one link: by hash, and the member's current one");
    for (String entry : stored(a.node)) {
      assertFalse(entry.contains(secret), "the secret itself is never stored");
    }
    // signed out, renewing asks to log in
    HttpResponse<String> anonymous = TestNodes.send(java.net.http.HttpRequest.newBuilder(
            URI.create(a.base + "/espace/agenda-prive")).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", a.csrfCookie).header("Origin", a.base)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("csrf=" + a.csrf)).build());
    assertEquals(303, anonymous.statusCode(), anonymous.body());
    assertEquals(200, TestNodes.get(a.port, path(second)).statusCode());
  }

  private static JsonObject event(String title, String start) {
    return new JsonObject().put("title", title).put("timezone", "Europe/Paris").put("startTime", start)
        .put("content", "Rendez-vous.").put("publish", true);
  }

  private static java.util.List<String> stored(Node node) {
    return await(node.services().platform().storage().call(store -> {
      java.util.List<String> all = new java.util.ArrayList<>();
      try (KvIterator it = store.keyspace(PublicationKeyspaces.MEMBER_CALENDARS).scanPrefix(new byte[0], false)) {
        while (it.hasNext()) {
          KvEntry e = it.next();
          all.add(new String(e.key(), StandardCharsets.ISO_8859_1) + new String(e.value(), StandardCharsets.ISO_8859_1));
        }
      }
      return all;
    }));
  }

}
