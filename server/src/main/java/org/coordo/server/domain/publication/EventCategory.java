package org.coordo.server.domain.publication;

import java.util.Optional;

/** FEP-8a8e {@code category}: the fixed list Mobilizon defined and the FEP adopted. */
public enum EventCategory {
  ARTS,
  BOOK_CLUBS,
  BUSINESS,
  CAUSES,
  COMEDY,
  CRAFTS,
  FOOD_DRINK,
  HEALTH,
  MUSIC,
  AUTO_BOAT_AIR,
  COMMUNITY,
  FAMILY_EDUCATION,
  FASHION_BEAUTY,
  FILM_MEDIA,
  GAMES,
  LANGUAGE_CULTURE,
  LEARNING,
  LGBTQ,
  MOVEMENTS_POLITICS,
  NETWORKING,
  PARTY,
  PERFORMING_VISUAL_ARTS,
  PETS,
  PHOTOGRAPHY,
  OUTDOORS_ADVENTURE,
  SPIRITUALITY_RELIGION_BELIEFS,
  SCIENCE_TECH,
  SPORTS,
  THEATRE,
  MEETING;

  public static Optional<EventCategory> parse(String value) {
    for (EventCategory c : values()) {
      if (c.name().equals(value)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
