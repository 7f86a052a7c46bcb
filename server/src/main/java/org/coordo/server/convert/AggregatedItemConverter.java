package org.coordo.server.convert;

import org.coordo.server.domain.publication.EventCategory;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.coordo.federation.Uris;
import org.coordo.federation.vocab.As;
import org.coordo.server.domain.aggregation.AggregatedEvent;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.text.HtmlSanitizer;
import org.coordo.server.text.PlainText;
import org.coordo.server.text.SafeUrls;

/**
 * A remote ActivityStreams object (from a followed collective) → {@link AggregatedItem}. Reads what
 * Coordo's publishing converter emits ({@code Article} with {@code publicationKind} /
 * {@code assemblyDate}, {@code Event} per FEP-8a8e) and what other software sends leniently. Every
 * text is bounded; HTML is sanitised; links must be http(s). Pure: no I/O.
 */
public final class AggregatedItemConverter {
  static final Set<String> STATUSES =
      Set.of("Scheduled", "Cancelled", "Postponed", "Rescheduled", "MovedOnline", "Tentative");
  private static final int MAX_NAME = 300;
  private static final int MAX_SUMMARY = 2000;
  private static final int MAX_CONTENT = 200_000;

  /** The collective a publication belongs to. */
  public record Group(String id, String preferredUsername, String name) {}

  private final HtmlSanitizer sanitizer;

  public AggregatedItemConverter(HtmlSanitizer sanitizer) {
    this.sanitizer = sanitizer;
  }

  /** Whether the object is of a type we index ({@code Article}, {@code Event}). */
  public static boolean isIndexable(JsonObject object) {
    String type = object == null ? null : As.typeOf(object);
    return "Article".equals(type) || "Event".equals(type);
  }

  /** The item, or empty when the object is not one we index or lacks what it needs (a start time). */
  public Optional<AggregatedItem> toItem(JsonObject o, Group group, Instant now) {
    if (!isIndexable(o) || o.getValue("id") == null) {
      return Optional.empty();
    }
    String id = As.idOf(o);
    if (id == null || !SafeUrls.isHttp(id)) {
      return Optional.empty();
    }
    AggregatedKind kind = kindOf(o);
    AggregatedEvent event = null;
    if (kind == AggregatedKind.EVENT) {
      event = event(o).orElse(null);
      if (event == null) {
        return Optional.empty();
      }
    }
    String contentRaw = text(o, "content");
    String content = sanitizer.sanitize(contentRaw == null ? "" : cut(contentRaw, MAX_CONTENT));
    String summaryRaw = text(o, "summary");
    String summary = summaryRaw == null ? null : cut(PlainText.fromHtml(summaryRaw), MAX_SUMMARY);
    String name = text(o, "name");
    name = name == null ? null : PlainText.fromHtml(name).replace('\n', ' ').trim();
    if (name == null || name.isBlank()) {
      name = PlainText.excerpt(summary != null ? summary : PlainText.fromHtml(content), 80);
    }
    if (name.isBlank()) {
      name = "(sans titre)";
    }
    Instant published = time(o.getValue("published")).orElse(now);
    Instant updated = time(o.getValue("updated")).orElse(null);
    URI groupUri = URI.create(group.id());
    String host = groupUri.getPort() > 0 ? groupUri.getHost() + ":" + groupUri.getPort() : groupUri.getHost();
    return Optional.of(new AggregatedItem(id, kind, cityOf(group), cityName(group), host, group.id(),
        cut(name, MAX_NAME), summary == null || summary.isBlank() ? null : summary, content, urlOf(o).orElse(id),
        published, updated, 0, event, now,
        kind == AggregatedKind.CALL ? ActionDayAsConverter.readDay(o).orElse(null) : null));
  }

  /** The city key of a group: its preferredUsername in lower case when valid, else its host. */
  public static String cityOf(Group group) {
    String u = group.preferredUsername() == null ? "" : group.preferredUsername().toLowerCase(Locale.ROOT);
    if (Uris.isValidActorName(u)) {
      return u;
    }
    String host = URI.create(group.id()).getHost();
    return host == null ? "unknown" : host.toLowerCase(Locale.ROOT);
  }

  private static String cityName(Group group) {
    String n = group.name() != null && !group.name().isBlank() ? group.name() : group.preferredUsername();
    return n == null ? null : cut(PlainText.fromHtml(n).replace('\n', ' '), 100);
  }

  public static AggregatedKind kindOf(JsonObject o) {
    if ("Event".equals(As.typeOf(o))) {
      return AggregatedKind.EVENT;
    }
    String declared = o.getValue("publicationKind") instanceof String s ? s : "";
    if (declared.equals("minutes") || o.getValue("assemblyDate") != null) {
      return AggregatedKind.MINUTES;
    }
    return AggregatedKind.CALL;
  }

  private Optional<AggregatedEvent> event(JsonObject o) {
    Object startRaw = o.getValue("startTime");
    Optional<Instant> start = time(startRaw);
    if (start.isEmpty()) {
      return Optional.empty();
    }
    Instant end = time(o.getValue("endTime")).filter(e -> !e.isBefore(start.get())).orElse(null);
    String zone = zone(o.getValue("timezone"), startRaw);
    String status = o.getValue("eventStatus") instanceof String s && STATUSES.contains(s) ? s : null;
    if (status == null && o.getValue("ical:status") instanceof String ical) {
      status = switch (ical.toUpperCase(Locale.ROOT)) {
        case "CANCELLED" -> "Cancelled";
        case "TENTATIVE" -> "Tentative";
        default -> "Scheduled";
      };
    }
    String category = receivedCategory(o).map(Enum::name).orElse(null);
    String place = null;
    Double lat = null;
    Double lon = null;
    String online = null;
    for (Object l : As.oneOrMany(o, "location")) {
      if (!(l instanceof JsonObject loc)) {
        continue;
      }
      String type = As.typeOf(loc);
      if ("VirtualLocation".equals(type)) {
        online = online != null ? online : urlOf(loc).orElse(null);
        continue;
      }
      if (place == null) {
        place = placeText(loc);
        if (loc.getValue("latitude") instanceof Number la && loc.getValue("longitude") instanceof Number lo
            && Math.abs(la.doubleValue()) <= 90 && Math.abs(lo.doubleValue()) <= 180) {
          lat = la.doubleValue();
          lon = lo.doubleValue();
        }
      }
    }
    return Optional.of(new AggregatedEvent(start.get(), end, zone, place, lat, lon, online, status, category,
        ActionDayAsConverter.readLink(o).orElse(null)));
  }

  private static String placeText(JsonObject loc) {
    List<String> parts = new ArrayList<>();
    if (loc.getValue("name") instanceof String n && !n.isBlank()) {
      parts.add(n.trim());
    }
    Object address = loc.getValue("address");
    if (address instanceof String a && !a.isBlank() && !parts.contains(a.trim())) {
      if (!parts.isEmpty() && a.trim().startsWith(parts.get(0))) {
        parts.clear(); // "Place du Capitole" + "Place du Capitole, 31000 Toulouse": the address says it all
      }
      parts.add(a.trim());
    } else if (address instanceof JsonObject a) {
      List<String> fields = new ArrayList<>();
      for (String key : List.of("streetAddress", "postalCode", "addressLocality", "addressRegion", "addressCountry")) {
        if (a.getValue(key) instanceof String v && !v.isBlank()) {
          fields.add(v.trim());
        }
      }
      if (!fields.isEmpty()) {
        parts.add(String.join(" ", fields));
      }
    }
    String text = String.join(", ", parts);
    return text.isBlank() ? null : cut(PlainText.fromHtml(text).replace('\n', ' '), 500);
  }

  private static String zone(Object timezone, Object startRaw) {
    if (timezone instanceof String tz) {
      try {
        return ZoneId.of(tz).getId();
      } catch (DateTimeException e) {
        // fall through to the offset of the start time
      }
    }
    if (startRaw instanceof String s) {
      try {
        String offset = OffsetDateTime.parse(s).getOffset().getId();
        return offset.equals("Z") ? "UTC" : offset;
      } catch (DateTimeParseException e) {
        return "UTC";
      }
    }
    return "UTC";
  }

  /** The first http(s) {@code url} (a string, a Link's {@code href}, or one of several). */
  public static Optional<String> urlOf(JsonObject o) {
    for (Object u : As.oneOrMany(o, "url")) {
      String candidate = u instanceof String s ? s
          : u instanceof JsonObject link && link.getValue("href") instanceof String h ? h : null;
      Optional<String> safe = SafeUrls.http(candidate);
      if (safe.isPresent()) {
        return safe;
      }
    }
    return Optional.empty();
  }

  public static Optional<Instant> time(Object raw) {
    if (!(raw instanceof String s) || s.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException e) {
      try {
        return Optional.of(ZonedDateTime.parse(s).toInstant());
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }

  /** A text property, or the first value of its {@code …Map} form. */
  private static String text(JsonObject o, String key) {
    if (o.getValue(key) instanceof String s) {
      return s;
    }
    if (o.getValue(key + "Map") instanceof JsonObject map) {
      for (String lang : map.fieldNames()) {
        if (map.getValue(lang) instanceof String s) {
          return s;
        }
      }
    }
    return null;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  /**
   * The event's category as a Coordo category: {@code eventCategory} from a Coordo peer, else
   * Mobilizon's {@code category} mapped back ({@link EventCategory#fromMobilizon}).
   */
  static Optional<EventCategory> receivedCategory(JsonObject o) {
    if (o.getValue("eventCategory") instanceof String own) {
      Optional<EventCategory> c = EventCategory.parse(own);
      if (c.isPresent()) {
        return c;
      }
    }
    return o.getValue("category") instanceof String mz ? EventCategory.fromMobilizon(mz) : Optional.empty();
  }
}
