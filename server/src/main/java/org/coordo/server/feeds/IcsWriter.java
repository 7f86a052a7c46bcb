package org.coordo.server.feeds;

import org.coordo.server.convert.PublicationFeedConverter;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Geo;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes iCalendar (RFC 5545) with ical4j: a {@code VCALENDAR} ({@code METHOD:PUBLISH}) with one
 * {@code VEVENT} per {@link CalendarEvent} and the {@code VTIMEZONE} of every zone used, taken from
 * the definitions bundled in ical4j (never fetched: see {@code ical4j.properties}). Start and end are
 * written as local times with {@code TZID} of the event's zone; a zone ical4j does not know (a fixed
 * offset, UTC) is written in UTC instead. ical4j escapes text ({@code , ; \ newline}); lines are
 * folded at 75 octets ({@link IcsFolding}: ical4j itself counts characters) and end with CRLF.
 *
 * <p>iTIP (RFC 5546) requires an {@code ORGANIZER} in a published {@code VEVENT}: give every event an
 * organiser URL ({@link PublicationFeedConverter} uses the collective); calendar applications accept
 * events without one, but validators do not.
 *
 * <p>The output depends only on the events (no clock): {@code DTSTAMP} is the event's last change
 * (else its creation, else its start), so an unchanged calendar has unchanged bytes and a stable ETag.
 */
public final class IcsWriter {
  private final String prodId;
  private final TimeZoneRegistry registry;

  /** @param version Coordo's version, for {@code PRODID:-//Coordo//Coordo <version>//FR} */
  public IcsWriter(String version) {
    this.prodId = "-//Coordo//Coordo " + Objects.requireNonNull(version, "version") + "//FR";
    this.registry = TimeZoneRegistryFactory.getInstance().createRegistry();
  }

  /** A calendar feed named {@code calendarName} ({@code X-WR-CALNAME}), for subscriptions. */
  public byte[] calendar(String calendarName, List<CalendarEvent> events) {
    return write(calendarName, events);
  }

  /** One event, for "add to my calendar" (no calendar name, so clients add it to a calendar of theirs). */
  public byte[] single(CalendarEvent event) {
    return write(null, List.of(event));
  }

  private byte[] write(String calendarName, List<CalendarEvent> events) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(prodId));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(ImmutableMethod.PUBLISH);
    if (calendarName != null) {
      calendar.add(new XProperty("X-WR-CALNAME", IcsText.clean(calendarName)));
    }
    Map<String, VTimeZone> zones = new LinkedHashMap<>();
    for (CalendarEvent event : events) {
      TimeZone tz = zoneFor(event.timezone());
      if (tz != null) {
        zones.putIfAbsent(tz.getID(), tz.getVTimeZone());
      }
    }
    // The text of calendar.toString() (what ical4j's CalendarOutputter writes, folded by characters),
    // produced one component at a time and folded by octets as it goes: a long feed never holds every
    // event's object graph at once (those were promoted to the old generation and forced full GCs).
    StringBuilder out = new StringBuilder(4096 + 1024 * events.size());
    IcsFolding.refold("BEGIN:VCALENDAR\r\n" + calendar.getPropertyList(), out);
    // Time zones first: a reader that streams the file knows each TZID before it meets it.
    for (VTimeZone zone : zones.values()) {
      IcsFolding.refold(zone.toString(), out);
    }
    for (CalendarEvent event : events) {
      IcsFolding.refold(vevent(event).toString(), out);
    }
    out.append("END:VCALENDAR\r\n");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private VEvent vevent(CalendarEvent e) {
    VEvent v = new VEvent(false);
    v.add(new Uid(e.uid().toString()));
    Instant stamp = e.lastModified() != null ? e.lastModified() : e.created() != null ? e.created() : e.start();
    v.add(new DtStamp(stamp));
    boolean zoned = zoneFor(e.timezone()) != null;
    v.add(new DtStart<>(time(e.start(), e.timezone(), zoned)));
    if (e.end() != null) {
      v.add(new DtEnd<>(time(e.end(), e.timezone(), zoned)));
    }
    v.add(new Summary(IcsText.clean(e.name())));
    if (e.description() != null && !e.description().isBlank()) {
      v.add(new Description(IcsText.clean(e.description())));
    }
    if (e.location() != null && !e.location().isBlank()) {
      v.add(new Location(IcsText.clean(e.location())));
    }
    if (e.latitude() != null) {
      v.add(new Geo(BigDecimal.valueOf(e.latitude()), BigDecimal.valueOf(e.longitude())));
    }
    if (e.url() != null) {
      v.add(new Url(e.url()));
    }
    v.add(status(e.status()));
    v.add(new Sequence(e.sequence()));
    if (!e.categories().isEmpty()) {
      v.add(new Categories(new TextList(e.categories().stream().map(IcsText::clean).toList())));
    }
    if (e.created() != null) {
      v.add(new Created(e.created()));
    }
    if (e.lastModified() != null) {
      v.add(new LastModified(e.lastModified()));
    }
    if (e.organizerUrl() != null) {
      Organizer organizer = new Organizer(e.organizerUrl());
      if (e.organizerName() != null && !e.organizerName().isBlank()) {
        organizer.add(new Cn(IcsText.clean(e.organizerName())));
      }
      v.add(organizer);
    }
    return v;
  }

  /** The local time in a known zone ({@code TZID=…}), else the UTC time ({@code …Z}). */
  private static Temporal time(Instant at, ZoneId zone, boolean zoned) {
    return zoned ? at.atZone(zone) : at;
  }

  /** ical4j's definition of an IANA zone, or null for offsets, UTC and zones it does not know. */
  private TimeZone zoneFor(ZoneId zone) {
    if (zone instanceof ZoneOffset || zone.normalized() instanceof ZoneOffset) {
      return null;
    }
    try {
      return registry.getTimeZone(zone.getId());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Status status(CalendarEvent.Status status) {
    return switch (status) {
      case SCHEDULED -> ImmutableStatus.VEVENT_CONFIRMED;
      case TENTATIVE -> ImmutableStatus.VEVENT_TENTATIVE;
      case CANCELLED -> ImmutableStatus.VEVENT_CANCELLED;
    };
  }
}
