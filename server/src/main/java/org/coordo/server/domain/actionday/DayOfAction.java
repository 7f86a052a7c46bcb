package org.coordo.server.domain.actionday;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.coordo.server.domain.publication.ActionDay;

/**
 * A day of action as a node knows it (issue 17): its own (a local call with its day) or one received from a
 * collective it follows (the national group's, on a city node; an aggregated call on the national node).
 *
 * @param id its id on this node, for its page {@code /days/{id}}: the publication id of a local day, or
 *     {@code r} and a digest of the remote id for a received one ({@link DayIds})
 * @param uri its ActivityPub id (what events link to)
 * @param url the call's own page (on its origin)
 * @param title the call's title
 * @param summary the call's plain-text lead, or null
 * @param day its days, theme and zone
 * @param collective the short name of the collective that published it
 * @param collectiveName its display name
 * @param collectiveUri its actor id
 * @param local whether this node published it
 * @param published when it was published
 * @param updated its last change, or null
 */
public record DayOfAction(
    String id,
    String uri,
    String url,
    String title,
    String summary,
    ActionDay day,
    String collective,
    String collectiveName,
    String collectiveUri,
    boolean local,
    Instant published,
    Instant updated) {

  public DayOfAction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(day, "day");
    collectiveName = collectiveName == null || collectiveName.isBlank() ? collective : collectiveName;
  }

  public LocalDate firstDay() {
    return day.firstDay();
  }

  /** The last day ({@code firstDay} for a single day). */
  public LocalDate endDay() {
    return day.endDay();
  }
}
