package org.coordo.server.convert;

import org.coordo.server.feeds.CalendarEvent;

import org.coordo.server.feeds.FeedItem;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.convert.SummaryFormatter;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.text.PlainText;

/**
 * Domain → feed records: {@link Publication} to {@link FeedItem} (RSS, Atom) and, for events, to
 * {@link CalendarEvent} (iCalendar). Only published publications belong in feeds: drafts and
 * tombstones are refused here, so a caller that forgets to filter fails loudly in tests.
 *
 * <p>The id of every item and event is the publication's ActivityPub id, which is also its page
 * (content negotiation), so RSS guids are permalinks and calendar UIDs never change.
 */
public final class PublicationFeedConverter {
  private final PublicationUris uris;
  private final Locale locale;

  /** Category names in French (the node's default language). */
  public PublicationFeedConverter(PublicationUris uris) {
    this(uris, Locale.FRENCH);
  }

  /** Category names in {@code locale}'s language (French unless English): calendars show them as they are. */
  public PublicationFeedConverter(PublicationUris uris, Locale locale) {
    this.uris = uris;
    this.locale = locale;
  }

  /** A published call, minutes or event as a feed item; categories: the kind ({@code calls}…), then the event category's name. */
  public FeedItem toFeedItem(Publication p) {
    requirePublished(p);
    URI id = uris.object(p.key());
    List<String> categories = new ArrayList<>();
    categories.add(p.kind().segment());
    if (p.kind() == PublicationKind.EVENT && p.event() != null && p.event().category() != null) {
      categories.add(p.event().category().label(locale));
    }
    String summary = SummaryFormatter.summary(p);
    return new FeedItem(id, id, p.title(), summary.isBlank() ? null : summary, p.contentHtml(),
        p.publishedAt(), p.updatedAt(), p.publicAuthor(), categories, p.collective());
  }

  /**
   * A published call with its signatories (issue 17): when others sign it besides its author, the
   * summary and the content end with one line naming them all, author first ("Signataires : …").
   *
   * @param signatories the author then the others, as the call's page lists them (may be empty)
   */
  public FeedItem toFeedItem(Publication p, List<Signatory> signatories) {
    FeedItem item = toFeedItem(p);
    if (signatories == null || signatories.size() < 2) {
      return item;
    }
    String line = signatoriesLine(signatories);
    String summary = item.summary() == null ? line : item.summary() + "\n" + line;
    String html = (item.contentHtml() == null ? "" : item.contentHtml()) + "<p>" + PlainText.escapeHtml(line) + "</p>";
    return new FeedItem(item.id(), item.url(), item.title(), summary, html, item.published(), item.updated(),
        item.authorName(), item.categories(), item.city());
  }

  /** "Signataires : A, B, C" (English: "Signatories: …"), names as plain text. */
  public String signatoriesLine(List<Signatory> signatories) {
    String names = String.join(", ", signatories.stream().map(Signatory::name).toList());
    return (locale.getLanguage().equals("en") ? "Signatories: " : "Signataires : ") + names;
  }

  /** A published event as a calendar event, organised by its collective. */
  public CalendarEvent toCalendarEvent(Publication p) {
    requirePublished(p);
    return calendarEvent(p, p.title());
  }

  /**
   * A published event, public or members-only, for a member's private calendar (issue 16): an
   * internal one's name starts with {@value #INTERNAL_MARK}, so that it is not mistaken for a public one.
   */
  public CalendarEvent toMemberCalendarEvent(Publication p) {
    if (!p.isPublished() || p.publishedAt() == null || p.title() == null) {
      throw new IllegalArgumentException("only published publications go in calendars");
    }
    return calendarEvent(p, p.isMembersOnly() ? INTERNAL_MARK + p.title() : p.title());
  }

  /** What a members-only event's name starts with in a member's calendar. */
  public static final String INTERNAL_MARK = "[interne] ";

  private CalendarEvent calendarEvent(Publication p, String name) {
    if (p.kind() != PublicationKind.EVENT || p.event() == null) {
      throw new IllegalArgumentException("not an event");
    }
    EventDetails e = p.event();
    URI id = uris.object(p.key());
    EventLocation where = e.location();
    String location = where == null ? null : where.describe();
    Double lat = where != null && where.latitude() != null && where.longitude() != null ? where.latitude() : null;
    Double lon = lat != null ? where.longitude() : null;
    String description = PlainText.fromHtml(p.contentHtml());
    if (description.isBlank()) {
      description = p.summaryText();
    }
    if (where != null && where.onlineUrl() != null && (location == null || !location.contains(where.onlineUrl()))) {
      description = (description == null || description.isBlank() ? "" : description + "\n\n") + where.onlineUrl();
    }
    List<String> categories = e.category() == null ? List.of() : List.of(e.category().label(locale));
    Instant end = e.endTime() != null && !e.endTime().isBefore(e.startTime()) ? e.endTime() : null;
    return new CalendarEvent(id, id, name, description, e.startTime(), end, e.timezone(),
        location == null || location.isBlank() ? null : location, lat, lon, status(e), sequence(p),
        p.publishedAt(), p.updatedAt() != null ? p.updatedAt() : p.publishedAt(), categories, p.collective(),
        uris.group(p.collective()));
  }

  /**
   * The iCalendar {@code SEQUENCE}: 0 until the first change, then the seconds from publication to
   * the last change. The domain keeps no revision counter; this number still grows with every update
   * (updates are at least a second apart in practice) and stays within an int for 68 years.
   */
  public static int sequence(Publication p) {
    if (p.updatedAt() == null || p.publishedAt() == null || !p.updatedAt().isAfter(p.publishedAt())) {
      return 0;
    }
    long seconds = Duration.between(p.publishedAt(), p.updatedAt()).getSeconds();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
  }

  private static CalendarEvent.Status status(EventDetails e) {
    if (e.status() == null) {
      return CalendarEvent.Status.SCHEDULED;
    }
    return switch (e.status()) {
      case Cancelled -> CalendarEvent.Status.CANCELLED;
      // Postponed: no new date yet; Tentative: to be confirmed.
      case Postponed, Tentative -> CalendarEvent.Status.TENTATIVE;
      case Scheduled, Rescheduled, MovedOnline -> CalendarEvent.Status.SCHEDULED;
    };
  }

  private static void requirePublished(Publication p) {
    if (!p.isPublic() || p.publishedAt() == null || p.title() == null) {
      throw new IllegalArgumentException("only published publications go in feeds");
    }
  }
}
