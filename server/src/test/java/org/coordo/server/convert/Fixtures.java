package org.coordo.server.convert;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.coordo.federation.Uris;
import org.coordo.server.domain.publication.EventCategory;
import org.coordo.server.domain.publication.EventDetails;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.domain.publication.MinutesDetails;
import org.coordo.server.domain.publication.PostalAddress;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;

/** Domain publications for converter tests. */
public final class Fixtures {
  private Fixtures() {}

  public static final PublicationUris URIS = new PublicationUris(new Uris(URI.create("https://grenoble.example")));
  public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  public static Publication event(EventStatus status) {
    return event(status, EventCategory.DEMONSTRATION);
  }

  public static Publication event(EventStatus status, EventCategory category) {
    EventLocation where = new EventLocation("Place Grenette", null,
        new PostalAddress(null, "38000", "Grenoble", null, "FR"), 45.1885, 5.7245, null);
    EventDetails e = new EventDetails(Instant.parse("2026-03-14T13:00:00Z"), Instant.parse("2026-03-14T16:00:00Z"),
        ZoneId.of("Europe/Paris"), where, status, category);
    return new Publication("01evt", "grenoble", PublicationKind.EVENT, PublicationState.PUBLISHED, "alice",
        "Manifestation pour le climat", null, "Manifestation pour le climat, départ de la place.\n\nSuite.",
        "<p>Manifestation pour le climat, départ de la place.</p><p>Suite.</p>", "fr", T0, T0, null, null,
        List.of(), null, e);
  }

  public static Publication call() {
    return new Publication("01call", "grenoble", PublicationKind.CALL, PublicationState.PUBLISHED, "alice",
        "Appel à la grève", null, "Nous appelons à la grève le **5 mars**.\n\nRejoignez-nous.",
        "<p>Nous appelons à la grève le <strong>5 mars</strong>.</p><p>Rejoignez-nous.</p>", "fr", T0, T0, null, null,
        List.of(new MediaRef("a".repeat(64), "png", "image/png", 10, "Affiche"),
            new MediaRef("b".repeat(64), "pdf", "application/pdf", 20, "Tract")), null, null);
  }

  public static Publication minutes() {
    return new Publication("01min", "grenoble", PublicationKind.MINUTES, PublicationState.PUBLISHED, "alice",
        "AG de mars", null, "Ordre du jour : la grève.", "<p>Ordre du jour : la grève.</p>", "fr", T0, T0, null, null,
        List.of(), new MinutesDetails(LocalDate.parse("2026-03-07"), "Bourse du travail", "32 présents",
            List.of("Grève le 5 mars", "Caisse de grève <ouverte>")), null);
  }
}
