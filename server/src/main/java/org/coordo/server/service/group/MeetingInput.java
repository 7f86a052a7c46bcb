package org.coordo.server.service.group;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.error.NodeError;
import org.coordo.server.text.SafeUrls;

/**
 * A meeting as typed (form or JSON), checked into field errors. Dates are local date-times in
 * {@code timezone} ({@code 2027-01-16T17:00}) or carry their own offset.
 *
 * @param open whether the meeting is public (shown on a public group's page, announced to its followers)
 */
public record MeetingInput(String start, String end, String timezone, String place, String onlineUrl,
    String agenda, Boolean open) {

  /** The checked values. */
  record Checked(java.time.Instant start, java.time.Instant end, ZoneId zone, String place, String onlineUrl,
      String agenda, boolean open) {}

  Checked check() {
    Map<String, String> errors = new LinkedHashMap<>();
    ZoneId zone = NodeTime.DEFAULT_ZONE;
    if (timezone != null && !timezone.isBlank()) {
      try {
        zone = ZoneId.of(timezone.strip());
      } catch (RuntimeException e) {
        errors.put("timezone", "an IANA time zone such as Europe/Paris");
      }
    }
    java.time.Instant s = instant(errors, "start", start, zone, true);
    java.time.Instant e = instant(errors, "end", end, zone, false);
    if (s != null && e != null && !e.isAfter(s)) {
      errors.put("end", "must be after the start");
    }
    String where = blankToNull(place);
    if (where != null && where.length() > GroupRules.MAX_PLACE) {
      errors.put("place", "at most " + GroupRules.MAX_PLACE + " characters");
    }
    String link = blankToNull(onlineUrl);
    if (link != null && SafeUrls.http(link).isEmpty()) {
      errors.put("onlineUrl", "an http(s) link");
    }
    String what = agenda == null ? "" : agenda.strip();
    if (what.length() > GroupRules.MAX_AGENDA) {
      errors.put("agenda", "at most " + GroupRules.MAX_AGENDA + " characters");
    }
    if (!errors.isEmpty()) {
      throw NodeError.invalid(errors);
    }
    return new Checked(s, e, zone, where, link == null ? null : SafeUrls.http(link).get(), what,
        open != null && open);
  }

  private static java.time.Instant instant(Map<String, String> errors, String field, String text, ZoneId zone,
      boolean required) {
    if (text == null || text.isBlank()) {
      if (required) {
        errors.put(field, "required");
      }
      return null;
    }
    String t = text.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(t).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        errors.put(field, "a date and time such as 2027-01-16T17:00");
        return null;
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
