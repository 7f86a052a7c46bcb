package org.coordo.server.data.actionday;

import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import org.coordo.server.domain.publication.ActionDay;

/**
 * The storage form of a day of action's details, the same in publication records and in received items:
 * {@code {"first": "2026-10-09", "last": "2026-10-10" | absent, "theme": "…", "tz": "Europe/Paris"}}.
 */
public final class ActionDayCodec {
  private ActionDayCodec() {}

  public static JsonObject encode(ActionDay d) {
    JsonObject j = new JsonObject().put("first", d.firstDay().toString()).put("theme", d.theme())
        .put("tz", d.zone().getId());
    if (d.lastDay() != null) {
      j.put("last", d.lastDay().toString());
    }
    return j;
  }

  /** The details, or null when absent (a record that is no day of action) or unreadable. */
  public static ActionDay decode(JsonObject j) {
    if (j == null) {
      return null;
    }
    try {
      return new ActionDay(LocalDate.parse(j.getString("first")),
          j.getString("last") == null ? null : LocalDate.parse(j.getString("last")), j.getString("theme"),
          ZoneId.of(j.getString("tz")));
    } catch (RuntimeException e) { // DateTimeException, IllegalArgumentException, ClassCastException
      return null;
    }
  }
}
