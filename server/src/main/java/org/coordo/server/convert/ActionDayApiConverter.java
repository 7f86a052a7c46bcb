package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.actionday.CityAnswer;
import org.coordo.server.domain.actionday.DayEvent;
import org.coordo.server.domain.actionday.DayOfAction;
import org.coordo.server.domain.actionday.DayOverview;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.domain.publication.ActionDay;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.service.publication.FieldErrors;

/**
 * Days of action in the JSON API (issue 17), both ways: a call's {@code actionDay}
 * {@code {"firstDay": "2026-10-09", "lastDay"?: "…", "theme": "…", "timezone"?: "Europe/Paris"}}, an
 * event's {@code partOfActionDay} (the day's id or address; {@code ""} or null removes the link), and the
 * documents of {@code /api/days} and {@code /api/days/{id}}.
 */
public final class ActionDayApiConverter {
  /** The longest link an editor may give. */
  public static final int MAX_LINK = 2000;

  private ActionDayApiConverter() {}

  /** A call's {@code actionDay}, checked field by field ({@code actionDay.firstDay}, …); null when absent. */
  public static ActionDay parseDay(JsonObject body, FieldErrors errors) {
    Object v = body.getValue("actionDay");
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject day)) {
      errors.add("actionDay", "must be an object with firstDay, theme and optionally lastDay");
      return null;
    }
    int before = errors.asMap().size();
    LocalDate first = date(day, "firstDay", errors);
    LocalDate last = day.getValue("lastDay") == null ? null : date(day, "lastDay", errors);
    Object theme = day.getValue("theme");
    if (theme != null && !(theme instanceof String)) {
      errors.add("actionDay.theme", "must be a string");
    }
    ZoneId zone = NodeTime.DEFAULT_ZONE;
    if (day.getValue("timezone") != null) {
      if (day.getValue("timezone") instanceof String tz && ZoneId.getAvailableZoneIds().contains(tz)) {
        zone = ZoneId.of(tz);
      } else {
        errors.add("actionDay.timezone", "must be an IANA time zone such as " + NodeTime.DEFAULT_ZONE.getId());
      }
    }
    if (errors.asMap().size() > before) {
      return null;
    }
    Map<String, String> problems = ActionDay.problems(first, last, (String) theme);
    problems.forEach((field, message) -> errors.add("actionDay." + field, message));
    return problems.isEmpty() ? new ActionDay(first, last, (String) theme, zone) : null;
  }

  /**
   * An event's {@code partOfActionDay} as given (checked by the service, which resolves it): null when absent
   * or empty.
   */
  public static String parseLink(JsonObject body, FieldErrors errors) {
    Object v = body.getValue("partOfActionDay");
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      errors.add("partOfActionDay", "must be the address of a day of action");
      return null;
    }
    String t = s.strip();
    if (t.length() > MAX_LINK) {
      errors.add("partOfActionDay", "at most " + MAX_LINK + " characters");
      return null;
    }
    return t.isEmpty() ? null : t;
  }

  /** Adds a publication's day of action details or link to its API document. */
  public static void put(JsonObject j, Publication p) {
    if (p.actionDay() != null) {
      j.put("actionDay", day(p.actionDay()));
    }
    if (p.event() != null && p.event().actionDay() != null) {
      j.put("partOfActionDay", p.event().actionDay());
    }
  }

  public static JsonObject day(ActionDay d) {
    return new JsonObject().put("firstDay", d.firstDay().toString())
        .put("lastDay", d.lastDay() == null ? null : d.lastDay().toString())
        .put("theme", d.theme()).put("timezone", d.zone().getId());
  }

  /** A day in {@code /api/days}. */
  public static JsonObject toApi(DayOfAction d) {
    return new JsonObject()
        .put("id", d.id())
        .put("uri", d.uri())
        .put("url", d.url())
        .put("title", d.title())
        .put("summary", d.summary())
        .put("actionDay", day(d.day()))
        .put("collective", new JsonObject().put("name", d.collective()).put("displayName", d.collectiveName())
            .put("id", d.collectiveUri()))
        .put("local", d.local())
        .put("published", d.published() == null ? null : XsdDateTime.format(d.published()))
        .put("updated", d.updated() == null ? null : XsdDateTime.format(d.updated()));
  }

  /** {@code /api/days/{id}}: the day, its events by city, the counts and the cities that have not answered. */
  public static JsonObject toApi(DayOverview o) {
    JsonArray cities = new JsonArray();
    for (CityAnswer c : o.cities()) {
      JsonArray events = new JsonArray();
      c.events().forEach(e -> events.add(toApi(e)));
      cities.add(new JsonObject().put("city", c.city()).put("cityName", c.cityName()).put("count", c.count())
          .put("events", events));
    }
    JsonArray waiting = new JsonArray();
    for (FollowedCity c : o.notAnswered()) {
      waiting.add(new JsonObject().put("city", c.name()).put("cityName", c.displayName()).put("handle", c.handle())
          .put("url", c.url()));
    }
    JsonObject counts = new JsonObject();
    o.counts().forEach(counts::put);
    return toApi(o.day()).put("cities", cities).put("counts", counts).put("notAnswered", waiting)
        .put("eventCount", o.events().size());
  }

  public static JsonObject toApi(DayEvent e) {
    ZoneId zone = zone(e.timezone());
    JsonObject j = new JsonObject()
        .put("id", e.id())
        .put("url", e.url())
        .put("title", e.title())
        .put("summary", e.summary())
        .put("city", e.city())
        .put("cityName", e.cityName())
        .put("startTime", XsdDateTime.format(e.startTime(), zone))
        .put("endTime", e.endTime() == null ? null : XsdDateTime.format(e.endTime(), zone))
        .put("timezone", e.timezone())
        .put("place", e.place())
        .put("onlineUrl", e.onlineUrl())
        .put("eventStatus", e.status())
        .put("local", e.local());
    if (e.hasCoordinates()) {
      j.put("latitude", e.latitude()).put("longitude", e.longitude());
    }
    return j;
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException | NullPointerException e) {
      return NodeTime.DEFAULT_ZONE;
    }
  }

  private static LocalDate date(JsonObject day, String key, FieldErrors errors) {
    Object v = day.getValue(key);
    if (v == null) {
      return null; // required-ness is ActionDay.problems'
    }
    if (v instanceof String s && s.length() == 10) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeException e) {
        // below
      }
    }
    errors.add("actionDay." + key, "must be a date such as 2026-10-09");
    return null;
  }
}
