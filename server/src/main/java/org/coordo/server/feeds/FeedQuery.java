package org.coordo.server.feeds;

import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.error.NodeError;

/**
 * The filters a feed URL may carry: {@code ?city=grenoble&category=MEETING&from=2026-03-01&to=2026-03-31&limit=50}.
 * Every parameter is optional; an empty one counts as absent; unknown ones are ignored (cache
 * busters); a bad or repeated one is a 400 that names it and shows a good value.
 *
 * @param city a collective name (lower case), or null
 * @param category a category term, or null; matched without regard to case
 * @param from first day included, or null
 * @param to last day included (on or after {@code from}), or null
 * @param limit how many items at most, from 1 to the maximum the caller allows
 */
public record FeedQuery(String city, String category, LocalDate from, LocalDate to, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private static final Pattern CITY = Pattern.compile("[a-z0-9_][a-z0-9_.-]{0,63}");
  private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public FeedQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("to before from");
    }
  }

  /** No filter, {@link #DEFAULT_LIMIT} items. */
  public static FeedQuery none() {
    return new FeedQuery(null, null, null, null, DEFAULT_LIMIT);
  }

  /** Parses with {@link #DEFAULT_LIMIT} and {@link #MAX_LIMIT}. */
  public static FeedQuery parse(MultiMap params) {
    return parse(params, DEFAULT_LIMIT, MAX_LIMIT);
  }

  /**
   * Parses the query parameters.
   *
   * @throws NodeError 400 naming the first bad parameter
   */
  public static FeedQuery parse(MultiMap params, int defaultLimit, int maxLimit) {
    String city = single(params, "city");
    if (city != null) {
      city = city.toLowerCase(Locale.ROOT);
      if (!CITY.matcher(city).matches()) {
        throw NodeError.badRequest("city: expected a collective name like grenoble");
      }
    }
    String category = single(params, "category");
    if (category != null && !CATEGORY.matcher(category).matches()) {
      throw NodeError.badRequest("category: expected a category like MEETING");
    }
    LocalDate from = date(params, "from");
    LocalDate to = date(params, "to");
    if (from != null && to != null && to.isBefore(from)) {
      throw NodeError.badRequest("to: must be on or after from (" + from + ")");
    }
    int limit = defaultLimit;
    String l = single(params, "limit");
    if (l != null) {
      String message = "limit: expected a whole number from 1 to " + maxLimit;
      if (!l.matches("[0-9]{1,9}")) {
        throw NodeError.badRequest(message);
      }
      limit = Integer.parseInt(l);
      if (limit < 1 || limit > maxLimit) {
        throw NodeError.badRequest(message);
      }
    }
    return new FeedQuery(city, category, from, to, limit);
  }

  /** Midnight starting {@code from} in {@code zone}, or null. */
  public Instant fromInstant(ZoneId zone) {
    return from == null ? null : from.atStartOfDay(zone).toInstant();
  }

  /** Midnight ending {@code to} (the start of the next day) in {@code zone}, or null. */
  public Instant toInstantExclusive(ZoneId zone) {
    return to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** City, category, and publication day (in {@code zone}) within the dates. */
  public boolean matches(FeedItem item, ZoneId zone) {
    return cityMatches(item.city()) && categoryMatches(item.categories())
        && overlaps(item.published(), item.published(), zone);
  }

  /** City (the event's {@code city}, given by the caller), category, and the event meeting the days in its own zone. */
  public boolean matches(CalendarEvent event, String eventCity) {
    Instant end = event.end() != null ? event.end() : event.start();
    return cityMatches(eventCity) && categoryMatches(event.categories()) && overlaps(event.start(), end, event.timezone());
  }

  private boolean cityMatches(String itemCity) {
    return city == null || city.equalsIgnoreCase(itemCity);
  }

  /** Items carry category names ("Grève"); the query names a category ({@code STRIKE}) or a term ({@code events}). */
  private boolean categoryMatches(List<String> categories) {
    if (category == null) {
      return true;
    }
    Optional<EventCategory> asked = EventCategory.fromStored(category);
    return categories.stream().anyMatch(term -> term.equalsIgnoreCase(category) || asked
        .map(c -> term.equals(c.label(Locale.FRENCH)) || term.equals(c.label(Locale.ENGLISH))).orElse(false));
  }

  private boolean overlaps(Instant start, Instant end, ZoneId zone) {
    Instant lo = fromInstant(zone);
    Instant hi = toInstantExclusive(zone);
    return (lo == null || !end.isBefore(lo)) && (hi == null || start.isBefore(hi));
  }

  private static LocalDate date(MultiMap params, String name) {
    String value = single(params, name);
    if (value == null) {
      return null;
    }
    try {
      if (value.length() != 10) {
        throw new DateTimeParseException("length", value, 0);
      }
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw NodeError.badRequest(name + ": expected a date like 2026-03-14");
    }
  }

  private static String single(MultiMap params, String name) {
    List<String> values = params.getAll(name);
    if (values.size() > 1) {
      throw NodeError.badRequest(name + ": given more than once");
    }
    if (values.isEmpty()) {
      return null;
    }
    String value = values.get(0).trim();
    return value.isEmpty() ? null : value;
  }
}
