package org.coordo.server.web;

import io.vertx.core.Future;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.Locale;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.service.publication.Publishing;

/**
 * What the event form offers to choose from: time zones (the node's and the French and nearby
 * European ones first, then every region zone) and the places the collective's events already used.
 */
final class EventFormChoices {
  /** The zones offered first, each named in the bundles as {@code tz.<id>}. */
  static final List<String> COMMON_ZONES = List.of("Europe/Paris", "America/Guadeloupe", "America/Martinique",
      "America/Cayenne", "Indian/Reunion", "Indian/Mayotte", "America/Miquelon", "Pacific/Noumea",
      "Pacific/Tahiti", "Pacific/Wallis", "Europe/Brussels", "Europe/Luxembourg", "Europe/Zurich",
      "Europe/London", "Europe/Berlin", "Europe/Madrid", "Europe/Rome", "Europe/Lisbon", "UTC");
  /** Region/City zones (no legacy aliases such as {@code Etc/GMT+3} or {@code SystemV/…}). */
  private static final Pattern REGION = Pattern.compile(
      "(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z0-9_+\\-/]+");
  private static final List<String> OTHER_ZONES = ZoneId.getAvailableZoneIds().stream()
      .filter(z -> REGION.matcher(z).matches() && !COMMON_ZONES.contains(z)).sorted().toList();
  /** How many remembered places the form offers. */
  static final int PLACES = 30;


  private final Publishing pub;

  EventFormChoices(Publishing pub) {
    this.pub = pub;
  }

  /**
   * The zones offered first: the node's, the common ones, and {@code current} when it is none of them
   * (an event saved with a zone outside the lists keeps it).
   */
  static List<String> commonZones(String current) {
    List<String> zones = new ArrayList<>();
    zones.add(NodeTime.DEFAULT_ZONE.getId());
    for (String z : COMMON_ZONES) {
      if (!zones.contains(z)) {
        zones.add(z);
      }
    }
    if (current != null && !current.isBlank() && !zones.contains(current) && !OTHER_ZONES.contains(current)) {
      zones.add(current);
    }
    return zones;
  }

  /** Every other region zone, sorted. */
  static List<String> otherZones() {
    return OTHER_ZONES;
  }

  /**
   * The days of action an event may answer (issue 17: the node's own and those received from the collectives
   * it follows, upcoming), labelled for the reader; none (never a failure) when they cannot be read. An
   * event's stored link ({@code partOfActionDay}) is put where the form shows it: selected in the list when
   * it is there, else in the address field.
   */
  Future<List<DayChoice>> actionDays(Form f, Locale locale) {
    return pub.service.linkableActionDays().recover(e -> Future.succeededFuture(List.of())).map(days -> {
      DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
      List<DayChoice> out = days.stream().map(d -> new DayChoice(d.uri(), date.format(d.firstDay())
          + (d.day().isRange() ? " – " + date.format(d.endDay()) : "") + " · " + d.day().theme()
          + " (" + d.collectiveName() + ")")).toList();
      String stored = f.value("partOfActionDay");
      if (!stored.isEmpty()) {
        boolean listed = out.stream().anyMatch(c -> c.value().equals(stored));
        f.set(listed ? "actionDayChoice" : "actionDayUrl", stored);
      }
      return out;
    });
  }

  /** The collective's remembered places; none (never a failure) when they cannot be read. */
  Future<List<PlaceChoice>> places(Optional<Principal> who, String collective) {
    if (who.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pub.service.recentPlaces(who.get(), collective, PLACES)
        .map(list -> list.stream().map(EventFormChoices::place).toList())
        .recover(e -> Future.succeededFuture(List.of()));
  }

  private static PlaceChoice place(EventLocation l) {
    String address = l.addressText() != null ? l.addressText() : l.address() != null ? l.address().oneLine() : "";
    return new PlaceChoice(l.name() == null ? "" : l.name(), address);
  }
}
