package org.coordo.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.convert.SummaryFormatter;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;

/** A publication as the pages show it: texts, links and dates formatted for the reader's language. */
public final class PublicationView {
  /** An attachment link. */
  public record Attachment(String url, String name, boolean image) {}

  private final Publication p;
  private final PublicationUris uris;
  private final Locale locale;
  private final String authorDisplayName;

  PublicationView(Publication p, PublicationUris uris, Locale locale) {
    this(p, uris, locale, null);
  }

  /** @param authorDisplayName the author's display name, shown instead of the user name (may be null) */
  PublicationView(Publication p, PublicationUris uris, Locale locale, String authorDisplayName) {
    this.p = p;
    this.uris = uris;
    this.locale = locale;
    this.authorDisplayName = authorDisplayName;
  }

  public Publication publication() {
    return p;
  }

  public String id() {
    return p.id();
  }

  public String kind() {
    return p.kind().segment();
  }

  public boolean isEvent() {
    return p.kind() == PublicationKind.EVENT && p.event() != null;
  }

  public boolean isMinutes() {
    return p.kind() == PublicationKind.MINUTES && p.minutes() != null;
  }

  /** A moment as the pages show it, in the node's zone and the reader's language. */
  static String date(java.time.Instant at, Locale locale) {
    return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(locale).format(at.atZone(NodeTime.DEFAULT_ZONE));
  }

  /** For its collective's members only (issue 16): marked "interne" wherever members see it. */
  public boolean isInternal() {
    return p.isMembersOnly();
  }

  public boolean isDraft() {
    return !p.isPublished() && !p.isDeleted();
  }

  public String url() {
    return uris.object(p.key()).toString();
  }

  /** The path of the page, relative to the node. */
  public String path() {
    return "/collectives/" + p.collective() + "/" + p.kind().segment() + "/" + p.id();
  }

  public String collective() {
    return p.collective();
  }

  public String title() {
    return p.title() == null ? "" : p.title();
  }

  public String summary() {
    return SummaryFormatter.summary(p);
  }

  /** Who wrote it, by display name when known. */
  public String author() {
    if (authorDisplayName != null && !authorDisplayName.isBlank()) {
      return authorDisplayName;
    }
    return p.publicAuthor() == null ? "" : p.publicAuthor();
  }

  /** Published as the collective (its author hidden outside the members' space). */
  public boolean asCollective() {
    return p.asCollective();
  }

  /** Who wrote it, for the members' space only (the account name, even when published as the collective). */
  public String memberAuthor() {
    return p.authorName() == null ? "" : p.authorName();
  }

  /** Our sanitised HTML (rendered from Markdown by the publishing service). */
  public String contentHtml() {
    return p.contentHtml() == null ? "" : p.contentHtml();
  }

  public String published() {
    return p.publishedAt() == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
        .format(p.publishedAt().atZone(NodeTime.DEFAULT_ZONE));
  }

  public String publishedIso() {
    return p.publishedAt() == null ? "" : p.publishedAt().toString();
  }

  public List<Attachment> attachments() {
    return p.attachments().stream().map(m -> new Attachment(uris.media(m).toString(),
        m.name() == null ? m.fileName() : m.name(), m.isImage())).toList();
  }

  // ---- minutes

  public String assemblyDate() {
    return isMinutes() && p.minutes().assemblyDate() != null
        ? DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(p.minutes().assemblyDate())
        : "";
  }

  public String minutesPlace() {
    return isMinutes() && p.minutes().place() != null ? p.minutes().place() : "";
  }

  public String attendance() {
    return isMinutes() && p.minutes().attendance() != null ? p.minutes().attendance() : "";
  }

  public List<String> decisions() {
    return isMinutes() ? p.minutes().decisions() : List.of();
  }

  // ---- events

  private EventDetails ev() {
    return p.event();
  }

  public boolean cancelled() {
    return isEvent() && ev().status() == EventStatus.Cancelled;
  }

  public String status() {
    return isEvent() ? ev().status().name() : "";
  }

  public String category() {
    return isEvent() && ev().category() != null ? ev().category().name() : "";
  }

  private ZonedDateTime start() {
    return ev().startTime().atZone(ev().timezone());
  }

  /** "samedi 14 mars 2026, 14:00" in the event's time zone. */
  public String when() {
    if (!isEvent()) {
      return "";
    }
    DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
    DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
    String out = day.format(start()) + ", " + time.format(start());
    if (ev().endTime() != null) {
      ZonedDateTime end = ev().endTime().atZone(ev().timezone());
      out += end.toLocalDate().equals(start().toLocalDate())
          ? " – " + time.format(end)
          : " – " + day.format(end) + ", " + time.format(end);
    }
    return out;
  }

  /** Short date for lists: "14 mars 2026". */
  public String day() {
    return isEvent() ? DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(start()) : "";
  }

  public String timezone() {
    return isEvent() ? ev().timezone().getId() : "";
  }

  /** The event's zone as people say it ("Paris"), for "heure de Paris". */
  public String zoneName() {
    return isEvent() ? ZoneNames.of(ev().timezone(), locale) : "";
  }

  public String startIso() {
    return isEvent() ? start().toOffsetDateTime().toString() : "";
  }

  public String endIso() {
    return isEvent() && ev().endTime() != null ? ev().endTime().atZone(ev().timezone()).toOffsetDateTime().toString()
        : "";
  }

  private EventLocation loc() {
    return isEvent() ? ev().location() : null;
  }

  public boolean hasPlace() {
    return loc() != null && loc().hasPlace();
  }

  public String placeName() {
    return loc() != null && loc().name() != null ? loc().name() : "";
  }

  public String placeAddress() {
    if (loc() == null) {
      return "";
    }
    return loc().addressText() != null ? loc().addressText() : loc().address() != null ? loc().address().oneLine() : "";
  }

  public String onlineUrl() {
    return loc() != null && loc().onlineUrl() != null ? loc().onlineUrl() : "";
  }

  /** OpenStreetMap: a marker at the coordinates, else a search by name and address; empty when no place. */
  public String mapUrl() {
    if (!hasPlace()) {
      return "";
    }
    if (loc().latitude() != null && loc().longitude() != null) {
      return "https://www.openstreetmap.org/?mlat=" + loc().latitude() + "&mlon=" + loc().longitude()
          + "#map=17/" + loc().latitude() + "/" + loc().longitude();
    }
    String query = (placeName() + " " + placeAddress()).trim();
    return "https://www.openstreetmap.org/search?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  /** "Add to my calendar": the feeds' one-event iCalendar file. */
  public String icsPath() {
    return path() + "/event.ics";
  }

  MediaRef firstImage() {
    return p.attachments().stream().filter(MediaRef::isImage).findFirst().orElse(null);
  }
}
