package org.coordo.server.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import org.coordo.federation.Uris;
import org.coordo.server.domain.group.Meeting;
import org.coordo.server.domain.group.WorkingGroup;
import org.junit.jupiter.api.Test;

/** A public meeting as a FEP-8a8e Event of its group's actor, and what Mastodon shows of it. */
class MeetingAsConverterTest {
  final MeetingAsConverter as = new MeetingAsConverter(new GroupUris(new Uris(URI.create("https://coordo.test"))));
  final WorkingGroup group = new WorkingGroup("grenoble", "logement", "Logement", "", "", WorkingGroup.JoinPolicy.OPEN,
      "grenoble.logement", Instant.parse("2030-01-01T00:00:00Z"));

  private Meeting meeting(String place, String link, boolean cancelled) {
    return new Meeting("01abc", "grenoble", "logement", Instant.parse("2030-03-14T17:30:00Z"),
        Instant.parse("2030-03-14T19:00:00Z"), ZoneId.of("Europe/Paris"), place, link,
        "Préparer la manif <b>\nPoint 2", true, cancelled, 0, Instant.parse("2030-01-02T10:00:00Z"), null);
  }

  @Test
  void aPublicMeetingIsAnEventOfItsGroupThatNamesNoMember() {
    JsonObject e = as.toEvent(group, meeting("Maison des associations", null, false));
    AsValidator.document(e, "Event");
    AsValidator.publication(e, "Event", "https://coordo.test/actors/grenoble.logement");
    assertEquals("https://coordo.test/collectives/grenoble/groups/logement/meetings/01abc", e.getString("id"));
    assertEquals("2030-03-14T18:30:00+01:00", e.getString("startTime"));
    assertEquals("Préparer la manif <b>", e.getString("name"), "plain text name");
    assertEquals("jeudi 14 mars 2030 · 18:30 · Maison des associations · Préparer la manif <b>", e.getString("summary"));
    assertEquals("<p>Préparer la manif &lt;b&gt;<br>Point 2</p>", e.getString("content"));
    assertEquals("Place", e.getJsonObject("location").getString("type"));
    assertEquals(false, e.getBoolean("isOnline"));
  }

  @Test
  void anOnlineCancelledMeetingSaysSo() {
    JsonObject e = as.toEvent(group, meeting(null, "https://visio.example/salle", true));
    assertEquals("VirtualLocation", e.getJsonObject("location").getString("type"));
    assertEquals(true, e.getBoolean("isOnline"));
    assertEquals("Cancelled", e.getString("eventStatus"));
    assertEquals("CANCELLED", e.getString("ical:status"));
    assertEquals("ANNULÉ · jeudi 14 mars 2030 · 18:30 · en ligne · Préparer la manif <b>", e.getString("summary"));
    JsonObject update = as.activity(URI.create("https://coordo.test/activities/1"), "Update", group,
        meeting(null, "https://visio.example/salle", true));
    AsValidator.document(update, "Update");
    assertFalse(update.getJsonObject("object").containsKey("@context"));
  }
}
