package org.coordo.server.domain.publication;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What kind of event a collective holds: Coordo's own list, named in French and English here (the one
 * place their names live: pages, feeds and calendars all read {@link #label}).
 *
 * <p>On the wire an event carries two terms: {@code category}, one of Mobilizon's fixed list (FEP-8a8e),
 * what Mobilizon and other FEP-8a8e readers expect ({@link #mobilizon}); and {@code eventCategory}, the
 * Coordo name, so that Coordo peers (the national node) keep "Grève" apart from "Manifestation". A
 * category received from a server that sends only Mobilizon's is mapped back with
 * {@link #fromMobilizon}.
 *
 * <p>Stored values before Coordo had its own list were Mobilizon names ({@code MOVEMENTS_POLITICS});
 * {@link #fromStored} reads both, so old records keep a category and are rewritten with the new name on
 * their next save.
 */
public enum EventCategory {
  DEMONSTRATION("Manifestation", "Demonstration", "MOVEMENTS_POLITICS"),
  STRIKE("Grève", "Strike", "MOVEMENTS_POLITICS"),
  RALLY("Rassemblement", "Rally", "MOVEMENTS_POLITICS"),
  ACTION("Action, mobilisation", "Action", "MOVEMENTS_POLITICS"),
  GENERAL_ASSEMBLY("Assemblée générale", "General assembly", "MEETING"),
  MEETING("Réunion", "Meeting", "MEETING"),
  DROP_IN("Permanence", "Drop-in hours", "COMMUNITY"),
  TRAINING("Formation", "Training", "LEARNING"),
  SCREENING_DEBATE("Projection, débat", "Screening, debate", "FILM_MEDIA"),
  PARTY("Fête, concert", "Party, concert", "PARTY"),
  OTHER("Autre", "Other", "COMMUNITY");

  /**
   * Mobilizon's list (lib/mobilizon/events/categories.ex) read back: the political ones as an action,
   * the rest to the nearest collective category, everything else as "other".
   */
  private static final Map<String, EventCategory> FROM_MOBILIZON = Map.ofEntries(
      Map.entry("MOVEMENTS_POLITICS", ACTION),
      Map.entry("CAUSES", ACTION),
      Map.entry("MEETING", MEETING),
      Map.entry("BUSINESS", MEETING),
      Map.entry("NETWORKING", MEETING),
      Map.entry("LEARNING", TRAINING),
      Map.entry("LANGUAGE_CULTURE", TRAINING),
      Map.entry("FAMILY_EDUCATION", TRAINING),
      Map.entry("SCIENCE_TECH", TRAINING),
      Map.entry("BOOK_CLUBS", TRAINING),
      Map.entry("FILM_MEDIA", SCREENING_DEBATE),
      Map.entry("PARTY", PARTY),
      Map.entry("MUSIC", PARTY),
      Map.entry("COMEDY", PARTY),
      Map.entry("THEATRE", PARTY),
      Map.entry("PERFORMING_VISUAL_ARTS", PARTY),
      Map.entry("ARTS", PARTY),
      Map.entry("FOOD_DRINK", PARTY));

  private final String french;
  private final String english;
  private final String mobilizon;

  EventCategory(String french, String english, String mobilizon) {
    this.french = french;
    this.english = english;
    this.mobilizon = mobilizon;
  }

  /** The name people read: French unless the locale is English. */
  public String label(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage()) ? english : french;
  }

  /** The value of ActivityStreams {@code category}: one of Mobilizon's fixed list. */
  public String mobilizon() {
    return mobilizon;
  }

  /** A Coordo category by its exact name ({@code STRIKE}). */
  public static Optional<EventCategory> parse(String value) {
    for (EventCategory c : values()) {
      if (c.name().equals(value)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * A category received in Mobilizon's list ({@code MOVEMENTS_POLITICS}, any case): the nearest Coordo
   * category, {@link #OTHER} for the ones with no counterpart, empty when it is not in Mobilizon's list at all.
   */
  public static Optional<EventCategory> fromMobilizon(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip().toUpperCase(Locale.ROOT);
    EventCategory c = FROM_MOBILIZON.get(v);
    if (c != null) {
      return Optional.of(c);
    }
    return MOBILIZON_LIST.contains(v) ? Optional.of(OTHER) : Optional.empty();
  }

  /** A stored or given value: a Coordo name first (any case), else a Mobilizon name mapped back. */
  public static Optional<EventCategory> fromStored(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Optional<EventCategory> own = parse(value.strip().toUpperCase(Locale.ROOT));
    return own.isPresent() ? own : fromMobilizon(value);
  }

  /** Mobilizon's whole list, the values FEP-8a8e readers accept. */
  public static final Set<String> MOBILIZON_LIST = Set.of(
      "ARTS", "BOOK_CLUBS", "BUSINESS", "CAUSES", "COMEDY", "CRAFTS", "FOOD_DRINK", "HEALTH", "MUSIC",
      "AUTO_BOAT_AIR", "COMMUNITY", "FAMILY_EDUCATION", "FASHION_BEAUTY", "FILM_MEDIA", "GAMES",
      "LANGUAGE_CULTURE", "LEARNING", "LGBTQ", "MOVEMENTS_POLITICS", "NETWORKING", "PARTY",
      "PERFORMING_VISUAL_ARTS", "PETS", "PHOTOGRAPHY", "OUTDOORS_ADVENTURE", "SPIRITUALITY_RELIGION_BELIEFS",
      "SCIENCE_TECH", "SPORTS", "THEATRE", "MEETING");
}
