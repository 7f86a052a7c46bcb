package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.coordo.federation.vocab.As;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.server.domain.group.Meeting;
import org.coordo.server.domain.group.WorkingGroup;
import org.coordo.server.text.PlainText;

/**
 * A public working group's public meeting as an ActivityStreams {@code Event} (FEP-8a8e), and the
 * {@code Create}/{@code Update} its group's actor sends about it. Only what the public page shows:
 * no member is named; the group is {@code attributedTo}, {@code organizers} and {@code audience}.
 * Mastodon drops {@code content}, times and place, so {@code summary} carries "date · time · place ·
 * agenda" (as for collectives' events).
 */
public final class MeetingAsConverter {
  private final GroupUris uris;

  public MeetingAsConverter(GroupUris uris) {
    this.uris = uris;
  }

  public GroupUris uris() {
    return uris;
  }

  /** The name of a meeting: its agenda's first line, else "Réunion · {group}". */
  public static String name(WorkingGroup g, Meeting m) {
    return m.title().isEmpty() ? "Réunion · " + g.displayName() : PlainText.excerpt(m.title(), 200);
  }

  public JsonObject toEvent(WorkingGroup g, Meeting m) {
    String actor = uris.actor(g.actorName()).toString();
    String id = uris.meeting(g.collective(), g.name(), m.id()).toString();
    JsonObject event = new JsonObject()
        .put("@context", AsContext.publication())
        .put("id", id)
        .put("type", "Event")
        .put("url", id)
        .put("name", name(g, m))
        .put("summary", summary(m))
        .put("content", "<p>" + PlainText.escapeHtml(m.agenda()).replace("\n", "<br>") + "</p>")
        .put("mediaType", "text/html")
        .put("attributedTo", actor)
        .put("organizers", new JsonArray().add(actor))
        .put("audience", actor)
        .put("to", new JsonArray().add(As.PUBLIC))
        .put("cc", new JsonArray().add(uris.followers(g.actorName()).toString()))
        .put("startTime", XsdDateTime.format(m.start(), m.zone()))
        .put("timezone", m.zone().getId())
        .put("eventStatus", m.cancelled() ? "Cancelled" : "Scheduled")
        .put("ical:status", m.cancelled() ? "CANCELLED" : "CONFIRMED")
        .put("category", "MEETING")
        .put("isOnline", m.onlineUrl() != null && m.place() == null)
        .put("published", XsdDateTime.format(m.created()));
    if (m.end() != null) {
      event.put("endTime", XsdDateTime.format(m.end(), m.zone()));
    }
    if (m.updated() != null) {
      event.put("updated", XsdDateTime.format(m.updated()));
    }
    JsonArray location = new JsonArray();
    if (m.place() != null) {
      location.add(new JsonObject().put("type", "Place").put("name", m.place()).put("address", m.place()));
    }
    if (m.onlineUrl() != null) {
      location.add(new JsonObject().put("type", "VirtualLocation").put("url", m.onlineUrl()));
    }
    if (location.size() == 1) {
      event.put("location", location.getJsonObject(0));
    } else if (location.size() > 1) {
      event.put("location", location);
    }
    return event;
  }

  /** {@code Create} (first announced) or {@code Update} (edited, cancelled) of the meeting, by the group's actor. */
  public JsonObject activity(URI id, String type, WorkingGroup g, Meeting m) {
    JsonObject object = toEvent(g, m);
    object.remove("@context");
    String actor = uris.actor(g.actorName()).toString();
    return new JsonObject()
        .put("@context", AsContext.publication())
        .put("id", id.toString())
        .put("type", type)
        .put("actor", actor)
        .put("audience", actor)
        .put("to", new JsonArray().add(As.PUBLIC))
        .put("cc", new JsonArray().add(uris.followers(g.actorName()).toString()))
        .put("object", object);
  }

  /** "[ANNULÉ · ]samedi 16 janvier 2027 · 17:00 · place · agenda" in French (the node's first language). */
  static String summary(Meeting m) {
    Locale fr = Locale.FRENCH;
    ZonedDateTime start = m.start().atZone(m.zone());
    StringBuilder out = new StringBuilder();
    if (m.cancelled()) {
      out.append("ANNULÉ · ");
    }
    out.append(start.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(fr)));
    out.append(" · ").append(start.format(DateTimeFormatter.ofPattern("HH:mm", fr)));
    if (m.place() != null) {
      out.append(" · ").append(m.place());
    } else if (m.onlineUrl() != null) {
      out.append(" · en ligne");
    }
    if (!m.agenda().isBlank()) {
      out.append(" · ").append(PlainText.firstLine(m.agenda()));
    }
    return PlainText.excerpt(out.toString(), SummaryFormatter.MAX_CHARS);
  }
}
