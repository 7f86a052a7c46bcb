package org.coordo.server.app;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coordo.server.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Days of action in the members' space (issue 17), on a whole node: the call form makes a call a day of
 * action and keeps it on edit; the event form offers the upcoming days and links the event; an address that
 * is no day is refused next to the field, in French, the text kept.
 */
class ActionDayFormIT {
  @TempDir Path dir;
  MembersOnlyLeakIT.City a;

  @AfterEach
  void stop() {
    if (a != null) {
      await(a.node.stop());
    }
  }

  private HttpResponse<String> post(String path, String cookie, Map<String, String> fields) {
    StringBuilder form = new StringBuilder("csrf=" + a.csrf);
    fields.forEach((k, v) -> form.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return TestNodes.send(HttpRequest.newBuilder(URI.create(a.base + path)).header("Cookie", cookie)
        .header("Origin", a.base).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
  }

  private String get(String path, String cookie) {
    return TestNodes.send(HttpRequest.newBuilder(URI.create(a.base + path)).header("Cookie", cookie).build()).body();
  }

  private JsonArray days() {
    return new JsonObject(TestNodes.get(a.port, "/api/days").body()).getJsonArray("days");
  }

  @Test
  void theFormsMakeADayOfActionAndLinkAnEventToIt() {
    a = new MembersOnlyLeakIT.City(dir);
    await(a.accounts().collectives().create("grenoble", "Grenoble", "", false));
    a.user("alice", Map.of("grenoble", Role.EDITOR));
    String cookie = a.sessionCookie("alice");
    LocalDate date = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(5);

    // a range in the wrong order is refused by the field, the text kept
    Map<String, String> call = new LinkedHashMap<>(Map.of("title", "Journée pour les retraites", "content",
        "Partout.", "actionDay.firstDay", date.toString(), "actionDay.lastDay", date.minusDays(2).toString(),
        "actionDay.theme", "Retraites", "action", "publish"));
    HttpResponse<String> refused = post("/espace/grenoble/calls/new", cookie, call);
    assertEquals(422, refused.statusCode());
    assertTrue(refused.body().contains("Le dernier jour ne peut pas précéder le premier."), refused.body());
    assertTrue(refused.body().contains("Journée pour les retraites"), "the text is kept");

    call.put("actionDay.lastDay", "");
    HttpResponse<String> created = post("/espace/grenoble/calls/new", cookie, call);
    assertEquals(303, created.statusCode(), created.body());
    JsonObject day = days().getJsonObject(0);
    assertEquals("Retraites", day.getJsonObject("actionDay").getString("theme"));
    String dayUri = day.getString("uri");

    // its edit form shows the day, and saving it again keeps it
    String editForm = get("/espace/grenoble/calls/" + day.getString("id") + "/edit", cookie);
    assertTrue(editForm.contains("value=\"" + date + "\""), editForm);
    Map<String, String> again = new LinkedHashMap<>(call);
    again.put("title", "Journée pour nos retraites");
    assertEquals(303, post("/espace/grenoble/calls/" + day.getString("id") + "/edit", cookie, again).statusCode());
    assertEquals("Journée pour nos retraites", days().getJsonObject(0).getString("title"));

    // the event form offers it
    String eventForm = get("/espace/grenoble/events/new", cookie);
    assertTrue(eventForm.contains("<option value=\"" + dayUri + "\""), eventForm);
    assertTrue(eventForm.contains("Retraites (Grenoble)"), eventForm);

    Map<String, String> event = new LinkedHashMap<>(Map.of("title", "Manif du jour", "content", "Départ 14h.",
        "startTime", date + "T14:00", "timezone", "Europe/Paris", "location.name", "Place Grenette",
        "action", "publish"));
    // a pasted address that is no day of action: refused by the field, in French, the text kept
    event.put("actionDayUrl", a.base + "/collectives/grenoble/calls/01NOPE");
    HttpResponse<String> notADay = post("/espace/grenoble/events/new", cookie, event);
    assertEquals(422, notADay.statusCode(), notADay.body());
    assertTrue(notADay.body().contains("Cette adresse n’est pas celle d’une journée d’action."), notADay.body());
    assertTrue(notADay.body().contains("Manif du jour"));

    event.put("actionDayUrl", "");
    event.put("actionDayChoice", dayUri);
    HttpResponse<String> linked = post("/espace/grenoble/events/new", cookie, event);
    assertEquals(303, linked.statusCode(), linked.body());
    JsonObject overview = new JsonObject(TestNodes.get(a.port, "/api/days/" + day.getString("id")).body());
    assertEquals(new JsonObject().put("grenoble", 1), overview.getJsonObject("counts"));
    String eventId = overview.getJsonArray("cities").getJsonObject(0).getJsonArray("events").getJsonObject(0)
        .getString("id");
    String eventEdit = get("/espace/grenoble/events/" + eventId.substring(eventId.lastIndexOf('/') + 1) + "/edit",
        cookie);
    assertTrue(eventEdit.matches("(?s).*<option value=\"" + java.util.regex.Pattern.quote(dayUri)
        + "\" selected.*"), "the edit form selects the linked day");
  }
}
