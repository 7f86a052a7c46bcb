package org.coordo.server.feeds;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** Items, events and metadata shared by the feed tests. */
final class FeedFixtures {
  static final URI BASE = URI.create("https://grenoble.example");
  static final Instant PUBLISHED = Instant.parse("2026-03-01T09:30:00Z");
  static final Instant UPDATED = Instant.parse("2026-03-02T18:45:10Z");
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private FeedFixtures() {}

  static FeedMeta meta() {
    return new FeedMeta("Coordo Grenoble : appels", "Les appels du collectif",
        URI.create(BASE + "/collectives/grenoble/calls.rss"), URI.create(BASE + "/collectives/grenoble"), "fr",
        UPDATED);
  }

  /** A call whose id is also its page. */
  static FeedItem call() {
    URI id = URI.create(BASE + "/collectives/grenoble/calls/01hx1");
    return new FeedItem(id, id, "Appel à la grève du 14 mars", "Rendez-vous à 14 h place Grenette.",
        "<p>Rendez-vous à <strong>14 h</strong> place Grenette.</p>", PUBLISHED, UPDATED, "Camille",
        List.of("CAUSES", "MOVEMENTS_POLITICS"), "grenoble");
  }

  /** An item whose link differs from its id, with HTML-looking text in its title and summary. */
  static FeedItem tricky() {
    return new FeedItem(URI.create(BASE + "/collectives/grenoble/minutes/01hx2"),
        URI.create(BASE + "/pages/minutes-01hx2"), "<script>alert('x')</script> & \"AG\" \u0007du 3 mars",
        "a < b & c > d", null, Instant.parse("2026-03-03T20:00:00Z"), null, null, List.of(), null);
  }

  static CalendarEvent event() {
    return new CalendarEvent(URI.create(BASE + "/collectives/grenoble/events/01hx3"),
        URI.create(BASE + "/collectives/grenoble/events/01hx3"), "Manif, place Grenette; départ 14h",
        "Première ligne, avec virgule; et point-virgule\nDeuxième ligne \\ antislash",
        Instant.parse("2026-03-14T13:00:00Z"), Instant.parse("2026-03-14T16:30:00Z"), PARIS,
        "Place Grenette, 38000 Grenoble", 45.1911, 5.7263, CalendarEvent.Status.SCHEDULED, 2, PUBLISHED, UPDATED,
        List.of("MEETING", "CAUSES"), "Coordo Grenoble", URI.create(BASE + "/collectives/grenoble"));
  }

  static CalendarEvent cancelled() {
    return new CalendarEvent(URI.create(BASE + "/collectives/grenoble/events/01hx4"), null, "Projection annulée",
        null, Instant.parse("2026-07-01T18:00:00Z"), null, PARIS, null, null, null,
        CalendarEvent.Status.CANCELLED, 5, PUBLISHED, UPDATED, List.of(), null, null);
  }
}
