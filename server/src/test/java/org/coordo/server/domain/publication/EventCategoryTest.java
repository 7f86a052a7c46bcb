package org.coordo.server.domain.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventCategoryTest {

  @Test
  void collectivesChooseFromTheirOwnCategoriesNamedInFrenchAndEnglish() {
    assertEquals(Set.of("Manifestation", "Grève", "Rassemblement", "Action, mobilisation", "Assemblée générale",
        "Réunion", "Permanence", "Formation", "Projection, débat", "Fête, concert", "Autre"),
        Stream.of(EventCategory.values()).map(c -> c.label(Locale.FRENCH)).collect(Collectors.toSet()));
    assertEquals("Strike", EventCategory.STRIKE.label(Locale.ENGLISH));
    assertEquals("Grève", EventCategory.STRIKE.label(Locale.forLanguageTag("de")), "French unless English");
  }

  @Test
  void everyCoordoCategoryGoesOutAsOneOfMobilizonsList() {
    for (EventCategory c : EventCategory.values()) {
      assertTrue(EventCategory.MOBILIZON_LIST.contains(c.mobilizon()), c + " -> " + c.mobilizon());
    }
    assertEquals("MOVEMENTS_POLITICS", EventCategory.DEMONSTRATION.mobilizon());
    assertEquals("MOVEMENTS_POLITICS", EventCategory.STRIKE.mobilizon());
    assertEquals("MOVEMENTS_POLITICS", EventCategory.RALLY.mobilizon());
    assertEquals("MEETING", EventCategory.GENERAL_ASSEMBLY.mobilizon());
    assertEquals("MEETING", EventCategory.MEETING.mobilizon());
    assertEquals("COMMUNITY", EventCategory.DROP_IN.mobilizon());
    assertEquals("LEARNING", EventCategory.TRAINING.mobilizon());
    assertEquals("PARTY", EventCategory.PARTY.mobilizon());
  }

  @Test
  void everyMobilizonCategoryIsReadBackAsTheNearestCoordoCategory() {
    assertEquals(30, EventCategory.MOBILIZON_LIST.size());
    for (String mz : EventCategory.MOBILIZON_LIST) {
      assertTrue(EventCategory.fromMobilizon(mz).isPresent(), mz);
    }
    assertEquals(Optional.of(EventCategory.ACTION), EventCategory.fromMobilizon("MOVEMENTS_POLITICS"));
    assertEquals(Optional.of(EventCategory.ACTION), EventCategory.fromMobilizon("causes"), "any case");
    assertEquals(Optional.of(EventCategory.MEETING), EventCategory.fromMobilizon("MEETING"));
    assertEquals(Optional.of(EventCategory.TRAINING), EventCategory.fromMobilizon("LEARNING"));
    assertEquals(Optional.of(EventCategory.PARTY), EventCategory.fromMobilizon("MUSIC"));
    assertEquals(Optional.of(EventCategory.SCREENING_DEBATE), EventCategory.fromMobilizon("FILM_MEDIA"));
    assertEquals(Optional.of(EventCategory.OTHER), EventCategory.fromMobilizon("FASHION_BEAUTY"));
    assertEquals(Optional.empty(), EventCategory.fromMobilizon("FUN"), "not in Mobilizon's list");
    assertEquals(Optional.empty(), EventCategory.fromMobilizon(null));
  }

  @Test
  void aCategoryThroughMobilizonAndBackKeepsItsMobilizonValue() {
    for (EventCategory c : EventCategory.values()) {
      EventCategory back = EventCategory.fromMobilizon(c.mobilizon()).orElseThrow();
      assertEquals(c.mobilizon(), back.mobilizon(), c + " came back as " + back);
    }
  }

  @Test
  void valuesStoredBeforeCoordoHadItsOwnCategoriesAreStillRead() {
    assertEquals(Optional.of(EventCategory.STRIKE), EventCategory.fromStored("STRIKE"));
    assertEquals(Optional.of(EventCategory.MEETING), EventCategory.fromStored("MEETING"));
    assertEquals(Optional.of(EventCategory.ACTION), EventCategory.fromStored("MOVEMENTS_POLITICS"));
    assertEquals(Optional.of(EventCategory.OTHER), EventCategory.fromStored("AUTO_BOAT_AIR"));
    assertEquals(Optional.of(EventCategory.GENERAL_ASSEMBLY), EventCategory.fromStored("general_assembly"));
    assertEquals(Optional.empty(), EventCategory.fromStored("nonsense"));
  }
}
