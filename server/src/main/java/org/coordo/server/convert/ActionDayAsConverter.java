package org.coordo.server.convert;

import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.coordo.federation.vocab.As;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.publication.ActionDay;
import org.coordo.server.text.SafeUrls;

/**
 * Days of action in ActivityStreams (issue 17; docs/FEDIVERSE-MAPPING.md, "Days of action"), both ways:
 *
 * <ul>
 *   <li>the day: its call ({@code Article}) carries {@code actionDay}
 *       {@code {"type": "ActionDay", "firstDay", "lastDay"?, "theme", "timezone"}} (Coordo terms) and, for
 *       software that reads only ActivityStreams, {@code startTime} / {@code endTime} spanning its days;
 *   <li>an event answering it carries the day's id twice: as {@code context} (the ActivityStreams property;
 *       software that ignores it skips it) and as {@code partOfActionDay} (a Coordo term, unambiguous: some
 *       software reads {@code context} as a conversation, FEP-7888). A reader takes {@code partOfActionDay}
 *       first, then {@code context}; anything that is not one http(s) id is ignored, never fatal.
 * </ul>
 *
 * Pure: no I/O. A link names a day only if the reader knows that day: the check is the reader's.
 */
public final class ActionDayAsConverter {
  /** The longest id read from a remote document. */
  public static final int MAX_URI_LENGTH = 2000;

  private ActionDayAsConverter() {}

  /** Adds the day's terms to a publication's inline term map. */
  public static JsonObject declareTerms(JsonObject terms) {
    return terms
        .put("ActionDay", "coordo:ActionDay")
        .put("actionDay", new JsonObject().put("@id", "coordo:actionDay"))
        .put("firstDay", new JsonObject().put("@id", "coordo:firstDay").put("@type", "schema:Date"))
        .put("lastDay", new JsonObject().put("@id", "coordo:lastDay").put("@type", "schema:Date"))
        .put("theme", new JsonObject().put("@id", "coordo:theme").put("@type", "schema:Text"))
        .put("partOfActionDay", new JsonObject().put("@id", "coordo:partOfActionDay").put("@type", "@id"));
  }

  /** Writes a day's details on its call. */
  public static void putDay(JsonObject o, ActionDay d) {
    JsonObject day = new JsonObject().put("type", "ActionDay").put("firstDay", d.firstDay().toString());
    if (d.lastDay() != null) {
      day.put("lastDay", d.lastDay().toString());
    }
    day.put("theme", d.theme()).put("timezone", d.zone().getId());
    o.put("actionDay", day)
        .put("startTime", XsdDateTime.format(d.start().toInstant(), d.zone()))
        .put("endTime", XsdDateTime.format(d.end().toInstant(), d.zone()));
  }

  /** Writes an event's link to the day it answers. */
  public static void putLink(JsonObject o, String dayUri) {
    o.put("context", dayUri).put("partOfActionDay", dayUri);
  }

  /** The day's details of a received call: empty when absent or not valid (the call stays a plain call). */
  public static Optional<ActionDay> readDay(JsonObject o) {
    if (!(o.getValue("actionDay") instanceof JsonObject day)) {
      return Optional.empty();
    }
    try {
      LocalDate first = date(day.getValue("firstDay"));
      LocalDate last = day.getValue("lastDay") == null ? null : date(day.getValue("lastDay"));
      String theme = day.getValue("theme") instanceof String t ? t : null;
      ZoneId zone = day.getValue("timezone") instanceof String tz ? ZoneId.of(tz) : NodeTime.DEFAULT_ZONE;
      if (first == null || (day.getValue("lastDay") != null && last == null)
          || !ActionDay.problems(first, last, theme).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ActionDay(first, last, theme, zone));
    } catch (DateTimeException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The day a received event says it answers: {@code partOfActionDay}, else {@code context}; empty otherwise. */
  public static Optional<String> readLink(JsonObject o) {
    return link(o.getValue("partOfActionDay")).or(() -> link(o.getValue("context")));
  }

  private static Optional<String> link(Object value) {
    String id = value instanceof String || value instanceof JsonObject ? As.idOf(value) : null;
    if (id == null || id.length() > MAX_URI_LENGTH) {
      return Optional.empty();
    }
    return SafeUrls.http(id).filter(id::equals);
  }

  private static LocalDate date(Object v) {
    if (!(v instanceof String s) || s.length() != 10) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
