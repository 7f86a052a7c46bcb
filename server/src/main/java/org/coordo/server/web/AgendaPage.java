package org.coordo.server.web;

import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.account.Collective;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.Publication;
import org.coordo.storage.Cursor;
import org.coordo.storage.Page;

/**
 * A collective's agenda for one month (months cut in {@link NodeTime#DEFAULT_ZONE}), optionally one category,
 * paged with the events index's cursor ({@value #PAGE} index entries per page).
 */
public final class AgendaPage {
  static final int PAGE = 50;

  /** What the URL asks for. */
  record Query(YearMonth month, String category, Cursor cursor) {
    static Query parse(MultiMap params, Clock clock) {
      YearMonth month;
      try {
        month = params.get("month") == null ? null : YearMonth.parse(params.get("month"));
      } catch (DateTimeParseException e) {
        month = null;
      }
      if (month == null || month.getYear() < 1 || month.getYear() > 9999) {
        // a month that does not parse or that no calendar page shows: this month
        month = YearMonth.now(clock.withZone(NodeTime.DEFAULT_ZONE));
      }
      String category = EventCategory.parse(params.get("category")).map(Enum::name).orElse("");
      Cursor cursor = null;
      if (params.get("cursor") != null) {
        try {
          cursor = Cursor.decode(params.get("cursor"));
        } catch (IllegalArgumentException e) {
          cursor = null;
        }
      }
      return new Query(month, category, cursor);
    }

    Instant from() {
      return month.atDay(1).atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant();
    }

    Instant until() {
      return month.plusMonths(1).atDay(1).atStartOfDay(NodeTime.DEFAULT_ZONE).toInstant();
    }
  }

  /** One page read from the index: the matching events and where to go on, if anywhere. */
  record Result(List<Publication> events, Cursor next) {}

  /** The month's events of a page of upcoming events from the month's first day. */
  static Result of(Page<Publication> page, Query q) {
    boolean pastMonth = page.items().stream().anyMatch(p -> !p.event().startTime().isBefore(q.until()));
    List<Publication> events = page.items().stream()
        .filter(p -> p.event().startTime().isBefore(q.until()))
        .filter(p -> q.category().isEmpty() || p.event().category() != null
            && p.event().category().name().equals(q.category()))
        .toList();
    return new Result(events, pastMonth ? null : page.next().orElse(null));
  }

  static AgendaPage of(Collective c, Query q, Result r, PublicationUris uris, Locale locale) {
    String display = c.displayName() == null || c.displayName().isBlank() ? c.name() : c.displayName();
    return new AgendaPage(c.name(), display, q, r.events().stream().map(p -> new PublicationView(p, uris, locale))
        .toList(), r.next() == null ? null : r.next().encode(), locale);
  }

  private final String name;
  private final String collectiveName;
  private final Query q;
  private final List<PublicationView> events;
  private final String nextCursor;
  private final Locale locale;

  private AgendaPage(String name, String collectiveName, Query q, List<PublicationView> events, String nextCursor,
      Locale locale) {
    this.name = name;
    this.collectiveName = collectiveName;
    this.q = q;
    this.events = events;
    this.nextCursor = nextCursor;
    this.locale = locale;
  }

  public String collectiveName() {
    return collectiveName;
  }

  public String basePath() {
    return "/collectives/" + name + "/agenda";
  }

  public List<PublicationView> events() {
    return events;
  }

  public String nextCursor() {
    return nextCursor;
  }

  public String month() {
    return q.month().toString();
  }

  public String previousMonth() {
    return q.month().minusMonths(1).toString();
  }

  public String nextMonth() {
    return q.month().plusMonths(1).toString();
  }

  private String label(YearMonth m) {
    return DateTimeFormatter.ofPattern("LLLL yyyy", locale).format(m);
  }

  public String monthLabel() {
    return label(q.month());
  }

  public String previousLabel() {
    return label(q.month().minusMonths(1));
  }

  public String nextLabel() {
    return label(q.month().plusMonths(1));
  }

  public String category() {
    return q.category();
  }

  public List<String> categories() {
    return Arrays.stream(EventCategory.values()).map(Enum::name).toList();
  }

  /** The agenda URL for a month, a category (empty: all) and a cursor (null: first page). */
  public String link(String month, String category, String cursor) {
    StringBuilder b = new StringBuilder(basePath()).append("?month=").append(month);
    if (category != null && !category.isEmpty()) {
      b.append("&category=").append(URLEncoder.encode(category, StandardCharsets.UTF_8));
    }
    if (cursor != null) {
      b.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }
    return b.toString();
  }
}
