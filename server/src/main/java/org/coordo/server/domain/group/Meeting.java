package org.coordo.server.domain.group;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A meeting in a working group's planning.
 *
 * @param id time-sortable, unique in the node
 * @param start stored as an instant, shown in {@code zone}
 * @param end after {@code start}, or null
 * @param place where it happens (plain text), or null when online only
 * @param onlineUrl an absolute http(s) link, or null
 * @param agenda a short plain-text agenda, or empty
 * @param open whether it is marked public: shown on a public group's page and announced to its
 *     followers (meaningless while the group is internal)
 * @param sequence revision number (0 first; grows on every change, for calendars)
 */
public record Meeting(
    String id,
    String collective,
    String group,
    Instant start,
    Instant end,
    ZoneId zone,
    String place,
    String onlineUrl,
    String agenda,
    boolean open,
    boolean cancelled,
    int sequence,
    Instant created,
    Instant updated) {

  public Meeting {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(collective, "collective");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(created, "created");
    agenda = agenda == null ? "" : agenda;
    if (end != null && !end.isAfter(start)) {
      throw new IllegalArgumentException("end not after start");
    }
  }

  /** The first line of the agenda, or empty: the meeting's title in lists and calendars. */
  public String title() {
    String line = agenda.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl).strip();
  }

  public Meeting cancel(Instant at) {
    return new Meeting(id, collective, group, start, end, zone, place, onlineUrl, agenda, open, true, sequence + 1,
        created, at);
  }
}
