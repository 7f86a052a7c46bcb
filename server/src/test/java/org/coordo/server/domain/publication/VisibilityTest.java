package org.coordo.server.domain.publication;

import org.coordo.server.domain.Audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VisibilityTest {
  static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

  static Publication in(PublicationState state) {
    return new Publication("01abc", "grenoble", PublicationKind.CALL, state, "alice", "Appel", null, "Texte",
        "<p>Texte</p>", "fr", T, state == PublicationState.DRAFT ? null : T, null,
        state == PublicationState.DELETED ? T : null, List.of(), null, null);
  }

  @Test
  void aPublishedPublicationIsShownToEveryone() {
    Publication p = in(PublicationState.PUBLISHED);
    assertEquals(Visibility.SHOWN, Visibility.toPublic(p));
    assertEquals(Visibility.SHOWN, Visibility.of(p, true));
    assertTrue(p.isPublic());
  }

  @Test
  void aDraftIsHiddenFromThePublicAndShownToItsCollectivesMembers() {
    Publication p = in(PublicationState.DRAFT);
    assertEquals(Visibility.HIDDEN, Visibility.toPublic(p));
    assertEquals(Visibility.SHOWN, Visibility.of(p, true));
    assertFalse(p.isPublic());
  }

  @Test
  void aDeletedPublicationIsGoneForEveryone() {
    Publication p = in(PublicationState.PUBLISHED).tombstone(T);
    assertEquals(Visibility.GONE, Visibility.toPublic(p));
    assertEquals(Visibility.GONE, Visibility.of(p, true));
    assertFalse(p.isPublic());
  }

  @Test
  void aMembersOnlyPublicationIsShownToItsCollectivesMembersAndHiddenFromEveryoneElse() {
    Publication p = in(PublicationState.PUBLISHED).withAudience(Audience.MEMBERS);
    assertEquals(Visibility.HIDDEN, Visibility.toPublic(p));
    assertEquals(Visibility.HIDDEN, Visibility.of(p, false));
    assertEquals(Visibility.SHOWN, Visibility.of(p, true));
    assertFalse(p.isPublic());
  }

  @Test
  void aMembersOnlyDraftOrTombstoneIsHiddenNotGoneForOutsiders() {
    assertEquals(Visibility.HIDDEN, Visibility.toPublic(in(PublicationState.DRAFT).withAudience(Audience.MEMBERS)));
    Publication gone = in(PublicationState.PUBLISHED).withAudience(Audience.MEMBERS).tombstone(T);
    assertEquals(Visibility.HIDDEN, Visibility.toPublic(gone), "a 410 would disclose that it existed");
    assertEquals(Visibility.GONE, Visibility.of(gone, true));
  }
}
