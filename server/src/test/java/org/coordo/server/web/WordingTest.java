package org.coordo.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Counts and time zones said as people say them, in both languages. */
class WordingTest {
  private final Messages messages = Messages.load();

  @Test
  void publishedNoticeAgreesWithTheNumberOfFollowers() {
    Messages.Bundle fr = messages.bundle("fr");
    Messages.Bundle en = messages.bundle("en");
    assertEquals("Publié : envoyé à 1 abonné·e dans le fédivers.", fr.count("notice.publishedTo", 1));
    assertEquals("Publié : envoyé à 2 abonné·es dans le fédivers.", fr.count("notice.publishedTo", 2));
    assertEquals("Published: sent to 1 follower on the fediverse.", en.count("notice.publishedTo", 1));
    assertEquals("Published: sent to 12 followers on the fediverse.", en.count("notice.publishedTo", 12));
    assertEquals("Publié. Personne ne suit encore ce collectif dans le fédivers : la publication est visible sur sa page.",
        fr.count("notice.publishedTo", 0));
  }

  @Test
  void aKeyWithoutPluralFormsIsUsedAsIs() {
    Messages.Bundle fr = messages.bundle("fr");
    assertEquals(fr.t("notice.published"), fr.count("notice.published", 1));
  }

  @Test
  void zonesAreNamedByTheirCity() {
    Locale fr = Locale.FRENCH;
    assertEquals("heure de Paris", messages.bundle("fr").t("event.timezone", ZoneNames.of(ZoneId.of("Europe/Paris"), fr)));
    assertEquals("Paris time", messages.bundle("en").t("event.timezone", ZoneNames.of(ZoneId.of("Europe/Paris"), Locale.ENGLISH)));
    assertEquals("La Réunion", ZoneNames.of(ZoneId.of("Indian/Reunion"), fr));
    assertEquals("Reunion", ZoneNames.of(ZoneId.of("Indian/Reunion"), Locale.ENGLISH));
    assertEquals("New York", ZoneNames.of(ZoneId.of("America/New_York"), Locale.ENGLISH));
    assertEquals("Argentina/Buenos Aires".substring(10), ZoneNames.of(ZoneId.of("America/Argentina/Buenos_Aires"), fr));
    assertEquals(ZoneId.of("UTC").getDisplayName(java.time.format.TextStyle.FULL, fr), ZoneNames.of(ZoneId.of("UTC"), fr));
  }
}
