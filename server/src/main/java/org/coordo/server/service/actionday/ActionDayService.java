package org.coordo.server.service.actionday;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.coordo.server.domain.actionday.DayOfAction;
import org.coordo.server.domain.actionday.DayOverview;

/**
 * Days of action (issue 17): the days this node knows (its own calls with a day, and those received from
 * collectives it follows), the events linked to each, gathered by city, and the check of a link an editor
 * gives to an event.
 */
public final class ActionDayService {

  /** The days not over yet (today included, in each day's zone), soonest first. */
  public Future<List<DayOfAction>> upcomingDays() {
    throw new UnsupportedOperationException("m0");
  }

  /** The next day of action (the soonest not over), if any. */
  public Future<Optional<DayOfAction>> nextDay() {
    return upcomingDays().map(days -> days.stream().findFirst());
  }

  /** A day by its id on this node ({@code /days/{id}}), if known. */
  public Future<Optional<DayOfAction>> find(String id) {
    throw new UnsupportedOperationException("m0");
  }

  /** A day by its ActivityPub id, if known here (local, or received). */
  public Future<Optional<DayOfAction>> findByUri(String uri) {
    throw new UnsupportedOperationException("m0");
  }

  /** The day, its events grouped by city and the cities that have not answered: 404 when unknown. */
  public Future<DayOverview> overview(String id) {
    throw new UnsupportedOperationException("m0");
  }

  /**
   * The day of action an event may link to, from what an editor gave (a day's id URI, its page on this
   * node, or a pasted address fetched through the guarded fetcher): its ActivityPub id. A 400 with a clear
   * message when it is no day of action.
   */
  public Future<String> requireLinkable(String given) {
    throw new UnsupportedOperationException("m0");
  }
}
