package org.coordo.server.web;

import static org.coordo.server.app.TestNodes.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.coordo.server.auth.Principal;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.service.publication.PublicationInput;
import org.coordo.server.service.publication.Publishing;

/**
 * Publishes more than one archive page ({@value #PAGE}) of calls, upcoming and past
 * events in {@link WebTestNode#COLLECTIVE}: "Appel 01" … (published in that order, so the newest is
 * the highest number), "À venir 01" … (01 soonest), "Passé 01" … (01 the most recent).
 */
final class ArchiveSeed {
  /** The archive pages' length the tests expect (the pages' {@code ArchivePages.PAGE}). */
  static final int PAGE = 20;
  static final int COUNT = PAGE + 1;
  static final Principal ALICE = new Principal("u-alice", WebTestNode.EDITOR, false,
      Map.of(WebTestNode.COLLECTIVE, Role.EDITOR));

  private ArchiveSeed() {}

  static void publish(WebTestNode n) {
    Publishing p = n.node.services().publishing();
    ZonedDateTime today = ZonedDateTime.now(ZoneId.of("Europe/Paris")).withHour(18).withMinute(0)
        .withSecond(0).withNano(0);
    for (int i = 1; i <= COUNT; i++) {
      String nr = String.format("%02d", i);
      await(p.service.create(ALICE, WebTestNode.COLLECTIVE, PublicationKind.CALL, new PublicationInput(
          "Appel " + nr, null, "Appel numéro " + nr + ".", "fr", List.of(), null, null), true));
      await(p.service.create(ALICE, WebTestNode.COLLECTIVE, PublicationKind.EVENT,
          event("À venir " + nr, today.plusDays(i + 1)), true));
      await(p.service.create(ALICE, WebTestNode.COLLECTIVE, PublicationKind.EVENT,
          event("Passé " + nr, today.minusDays(i + 1)), true));
    }
  }

  private static PublicationInput event(String title, ZonedDateTime start) {
    return new PublicationInput(title, null, "Rendez-vous.", "fr", List.of(), null,
        new EventDetails(start.toInstant(), start.plus(Duration.ofHours(2)).toInstant(), ZoneId.of("Europe/Paris"),
            new EventLocation("Place Grenette", "Place Grenette, 38000 Grenoble", null, null, null, null),
            EventStatus.Scheduled, EventCategory.DEMONSTRATION));
  }
}
