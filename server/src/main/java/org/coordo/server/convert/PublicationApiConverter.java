package org.coordo.server.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.publication.ActionDay;
import org.coordo.server.domain.publication.Counters;
import org.coordo.server.domain.Audience;
import org.coordo.server.error.NodeError;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.domain.publication.MinutesDetails;
import org.coordo.server.domain.publication.PostalAddress;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.AttachmentInput;
import org.coordo.server.service.publication.FieldErrors;
import org.coordo.server.text.MarkupLimits;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.text.SafeUrls;

/**
 * The JSON API's publication documents ⇄ the domain. Parsing checks every field and reports one
 * message per field (422); nothing is written when any field is wrong.
 */
public final class PublicationApiConverter {
  public static final int MAX_TITLE = 200;
  public static final int MAX_SUMMARY = 500;
  public static final int MAX_CONTENT = 100_000;
  public static final int MAX_ATTACHMENTS = 10;
  private static final Pattern LANGUAGE = Pattern.compile("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$");
  private static final Pattern HASH = Pattern.compile("^[0-9a-f]{64}$");

  private final PublicationUris uris;

  public PublicationApiConverter(PublicationUris uris) {
    this.uris = uris;
  }

  /** Parses and checks an API body; throws a 422 naming each wrong field. */
  public PublicationInput parse(JsonObject body, PublicationKind kind) {
    Audience audience = audience(body);
    FieldErrors errors = new FieldErrors();
    String title = text(body, "title", MAX_TITLE, true, errors);
    String summary = text(body, "summary", MAX_SUMMARY, false, errors);
    String content = text(body, "content", MAX_CONTENT, kind == PublicationKind.CALL, errors);
    if (content != null && MarkupLimits.markdownTooDeep(content)) {
      errors.add("content", MarkupLimits.TOO_DEEP);
    }
    String language = text(body, "language", 35, false, errors);
    if (language == null && !errors.has("language")) {
      language = "fr";
    } else if (language != null && !LANGUAGE.matcher(language).matches()) {
      errors.add("language", "must be a language tag such as fr or en-GB");
    }
    Object publish = body.getValue("publish");
    if (publish != null && !(publish instanceof Boolean)) {
      errors.add("publish", "must be true or false");
    }
    Object asCollective = body.getValue("asCollective");
    if (asCollective != null && !(asCollective instanceof Boolean)) {
      errors.add("asCollective", "must be true or false");
    }
    List<AttachmentInput> attachments = attachments(body, errors);
    MinutesDetails minutes = kind == PublicationKind.MINUTES ? minutes(body, errors) : null;
    EventDetails event = kind == PublicationKind.EVENT ? event(body, errors) : null;
    String dayLink = kind == PublicationKind.EVENT ? ActionDayApiConverter.parseLink(body, errors) : null;
    ActionDay actionDay = kind == PublicationKind.CALL ? ActionDayApiConverter.parseDay(body, errors) : null;
    errors.throwIfAny();
    return new PublicationInput(title, summary, content == null ? "" : content, language, attachments, minutes,
        event == null ? null : event.withActionDay(dayLink), asCollective instanceof Boolean b ? b : null, audience,
        actionDay);
  }

  /** The optional {@code visibility} ({@value #VISIBILITY_VALUES}); anything else is a 400 saying so. */
  static Audience audience(JsonObject body) {
    Object v = body.getValue("visibility");
    if (v == null) {
      return null;
    }
    return Audience.parse(v instanceof String s ? s : null).orElseThrow(() -> NodeError.badRequest(
        "visibility must be " + VISIBILITY_VALUES + " (members: for the collective's members only, never federated)"));
  }

  static final String VISIBILITY_VALUES = "\"public\" or \"members\"";

  /** The {@code publish} flag of a body that {@link #parse} accepted: absent → false. */
  public static boolean publishFlag(JsonObject body) {
    return body.getValue("publish") instanceof Boolean b && b;
  }

  /**
   * The API document of a publication for a member of its collective: the public document, with
   * the author of one published as the collective (members know who wrote it).
   */
  public JsonObject toMemberApi(Publication p, Counters counters) {
    JsonObject j = toApi(p, counters);
    j.put("author", p.authorName());
    return j;
  }

  /** The public API document: a publication published as the collective names no author. */
  public JsonObject toApi(Publication p, Counters counters) {
    JsonObject j = new JsonObject()
        .put("id", p.id())
        .put("kind", p.kind().segment())
        .put("collective", p.collective())
        .put("state", p.state().name().toLowerCase(Locale.ROOT))
        .put("visibility", p.audience().wire())
        .put("url", uris.object(p.key()).toString())
        .put("author", p.publicAuthor())
        .put("asCollective", p.asCollective())
        .put("title", p.title())
        .put("summary", p.summaryText())
        .put("content", p.contentSource())
        .put("contentHtml", p.contentHtml())
        .put("language", p.language())
        .put("federatedSummary", p.isDeleted() ? null : SummaryFormatter.summary(p))
        .put("createdAt", PublicationAsConverter.time(p.createdAt()))
        .put("publishedAt", p.publishedAt() == null ? null : PublicationAsConverter.time(p.publishedAt()))
        .put("updatedAt", p.updatedAt() == null ? null : PublicationAsConverter.time(p.updatedAt()));
    JsonArray media = new JsonArray();
    for (MediaRef m : p.attachments()) {
      media.add(new JsonObject().put("hash", m.hash()).put("url", uris.media(m).toString())
          .put("mediaType", m.mediaType()).put("size", m.size()).put("name", m.name()));
    }
    j.put("attachments", media);
    if (counters != null) {
      j.put("counters", new JsonObject().put("likes", counters.likes()).put("announces", counters.announces())
          .put("replies", counters.replies()));
    }
    if (p.minutes() != null) {
      MinutesDetails m = p.minutes();
      j.put("assemblyDate", m.assemblyDate() == null ? null : m.assemblyDate().toString())
          .put("place", m.place())
          .put("attendance", m.attendance())
          .put("decisions", new JsonArray(new ArrayList<>(m.decisions())));
    }
    if (p.event() != null) {
      EventDetails e = p.event();
      j.put("startTime", XsdDateTime.format(e.startTime(), e.timezone()))
          .put("endTime", e.endTime() == null ? null : XsdDateTime.format(e.endTime(), e.timezone()))
          .put("timezone", e.timezone().getId())
          .put("eventStatus", e.status().name())
          .put("category", e.category() == null ? null : e.category().name());
      if (e.location() != null) {
        EventLocation l = e.location();
        JsonObject lj = new JsonObject().put("name", l.name()).put("latitude", l.latitude())
            .put("longitude", l.longitude()).put("url", l.onlineUrl());
        if (l.address() != null) {
          PostalAddress a = l.address();
          lj.put("address", new JsonObject().put("streetAddress", a.streetAddress()).put("postalCode", a.postalCode())
              .put("addressLocality", a.addressLocality()).put("addressRegion", a.addressRegion())
              .put("addressCountry", a.addressCountry()));
        } else {
          lj.put("address", l.addressText());
        }
        j.put("location", lj);
      }
    }
    ActionDayApiConverter.put(j, p);
    return j;
  }

  private static List<AttachmentInput> attachments(JsonObject body, FieldErrors errors) {
    Object v = body.getValue("attachments");
    List<AttachmentInput> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof JsonArray array)) {
      errors.add("attachments", "must be an array");
      return out;
    }
    if (array.size() > MAX_ATTACHMENTS) {
      errors.add("attachments", "at most " + MAX_ATTACHMENTS + " attachments");
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      String field = "attachments[" + i + "]";
      Object item = array.getValue(i);
      String hash = null;
      String name = null;
      if (item instanceof String s) {
        hash = s;
      } else if (item instanceof JsonObject o) {
        hash = o.getValue("hash") instanceof String s ? s : null;
        Object n = o.getValue("name");
        if (n != null && !(n instanceof String)) {
          errors.add(field + ".name", "must be a string");
        } else if (n != null && ((String) n).length() > 1500) {
          errors.add(field + ".name", "at most 1500 characters");
        } else {
          name = n == null || ((String) n).isBlank() ? null : ((String) n).trim();
        }
      }
      if (hash == null || !HASH.matcher(hash).matches()) {
        errors.add(field, "must name an uploaded attachment by its hash");
      } else {
        out.add(new AttachmentInput(hash, name));
      }
    }
    return out;
  }

  private static MinutesDetails minutes(JsonObject body, FieldErrors errors) {
    LocalDate date = null;
    String d = text(body, "assemblyDate", 10, true, errors);
    if (d != null) {
      try {
        date = LocalDate.parse(d);
      } catch (DateTimeParseException e) {
        errors.add("assemblyDate", "must be a date (YYYY-MM-DD)");
      }
    }
    String place = text(body, "place", 300, false, errors);
    String attendance = text(body, "attendance", 2000, false, errors);
    List<String> decisions = new ArrayList<>();
    Object v = body.getValue("decisions");
    if (v != null) {
      if (!(v instanceof JsonArray array) || array.size() > 200) {
        errors.add("decisions", "must be an array of at most 200 texts");
      } else {
        for (int i = 0; i < array.size(); i++) {
          Object item = array.getValue(i);
          if (!(item instanceof String s) || s.isBlank() || s.length() > 2000) {
            errors.add("decisions[" + i + "]", "must be a non-empty text of at most 2000 characters");
          } else {
            decisions.add(s.trim());
          }
        }
      }
    }
    return new MinutesDetails(date, place, attendance, decisions);
  }

  private static EventDetails event(JsonObject body, FieldErrors errors) {
    ZoneId zone = null;
    String tz = text(body, "timezone", 64, true, errors);
    if (tz != null) {
      if (!ZoneId.getAvailableZoneIds().contains(tz)) {
        errors.add("timezone", "must be an IANA time zone such as " + NodeTime.DEFAULT_ZONE.getId());
      } else {
        zone = ZoneId.of(tz);
      }
    }
    Instant start = time(body, "startTime", zone, true, errors);
    Instant end = time(body, "endTime", zone, false, errors);
    if (start != null && end != null && !end.isAfter(start)) {
      errors.add("endTime", "must be after startTime");
    }
    EventStatus status = EventStatus.Scheduled;
    String s = text(body, "eventStatus", 40, false, errors);
    if (s != null) {
      status = EventStatus.parse(s).orElse(null);
      if (status == null) {
        errors.add("eventStatus", "must be one of Scheduled, Cancelled, Postponed, Rescheduled, MovedOnline, Tentative");
      }
    }
    EventCategory category = null;
    String c = text(body, "category", 60, false, errors);
    if (c != null) {
      // Coordo's names; Mobilizon's (what this API took before) are still read, mapped to the nearest.
      category = EventCategory.fromStored(c).orElse(null);
      if (category == null) {
        errors.add("category", "unknown category (one of " + java.util.Arrays.toString(EventCategory.values()) + ")");
      }
    }
    EventLocation location = location(body, errors);
    if (zone == null || start == null || errors.has("eventStatus") || errors.has("category")) {
      return null;
    }
    return new EventDetails(start, end, zone, location, status, category);
  }

  private static EventLocation location(JsonObject body, FieldErrors errors) {
    Object v = body.getValue("location");
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject l)) {
      errors.add("location", "must be an object");
      return null;
    }
    String name = text(l, "name", 300, false, errors, "location.");
    String addressText = null;
    PostalAddress address = null;
    Object a = l.getValue("address");
    if (a instanceof String s) {
      addressText = s.isBlank() ? null : s.trim();
      if (s.length() > 500) {
        errors.add("location.address", "at most 500 characters");
      }
    } else if (a instanceof JsonObject ao) {
      address = new PostalAddress(
          text(ao, "streetAddress", 300, false, errors, "location.address."),
          text(ao, "postalCode", 20, false, errors, "location.address."),
          text(ao, "addressLocality", 200, false, errors, "location.address."),
          text(ao, "addressRegion", 200, false, errors, "location.address."),
          text(ao, "addressCountry", 100, false, errors, "location.address."));
      if (address.oneLine().isEmpty()) {
        address = null;
      }
    } else if (a != null) {
      errors.add("location.address", "must be a text or a PostalAddress object");
    }
    Double lat = number(l, "latitude", -90, 90, errors);
    Double lon = number(l, "longitude", -180, 180, errors);
    if ((lat == null) != (lon == null) && !errors.has("location.latitude") && !errors.has("location.longitude")) {
      errors.add(lat == null ? "location.latitude" : "location.longitude", "latitude and longitude go together");
    }
    String url = text(l, "url", 2000, false, errors, "location.");
    if (url != null) {
      String given = url;
      url = SafeUrls.http(given).orElse(null);
      if (url == null) {
        errors.add("location.url", "must be an absolute http(s) URL");
        url = given; // only to keep "give a place…" from adding a second message
      }
    }
    if (name == null && addressText == null && address == null && lat == null && url == null
        && !errors.has("location.address")) {
      errors.add("location", "give a place name, an address, coordinates or an online url");
      return null;
    }
    return new EventLocation(name, addressText, address, lat, lon, url);
  }

  private static Double number(JsonObject o, String key, double min, double max, FieldErrors errors) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
      errors.add("location." + key, "must be a number between " + (int) min + " and " + (int) max);
      return null;
    }
    if (n.doubleValue() < min || n.doubleValue() > max) {
      errors.add("location." + key, "must be between " + (int) min + " and " + (int) max);
      return null;
    }
    return n.doubleValue();
  }

  private static Instant time(JsonObject body, String key, ZoneId zone, boolean required, FieldErrors errors) {
    String s = text(body, key, 64, required, errors);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException offsetMissing) {
      try {
        LocalDateTime local = LocalDateTime.parse(s);
        if (zone == null) {
          errors.add(key, "a local time needs a valid timezone");
          return null;
        }
        return local.atZone(zone).toInstant();
      } catch (DateTimeException e) {
        errors.add(key, "must be a date-time such as 2026-03-14T14:00 or 2026-03-14T14:00:00+01:00");
        return null;
      }
    }
  }

  private static String text(JsonObject o, String key, int max, boolean required, FieldErrors errors) {
    return text(o, key, max, required, errors, "");
  }

  private static String text(JsonObject o, String key, int max, boolean required, FieldErrors errors, String prefix) {
    Object v = o.getValue(key);
    String field = prefix + key;
    if (v == null) {
      if (required) {
        errors.add(field, "is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      errors.add(field, "must be a string");
      return null;
    }
    String t = s.strip();
    if (t.isEmpty()) {
      if (required) {
        errors.add(field, "must not be empty");
      }
      return null;
    }
    if (t.length() > max) {
      errors.add(field, "at most " + max + " characters");
      return null;
    }
    if (t.indexOf('\0') >= 0) {
      errors.add(field, "must not contain NUL characters");
      return null;
    }
    return t;
  }
}
