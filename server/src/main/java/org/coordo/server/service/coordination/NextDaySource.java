package org.coordo.server.service.coordination;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Where the mobilisation dashboard reads the next day of action and how many events each city linked
 * to it (days of action, issue 17). {@link #NONE} on a node that knows of no day.
 */
@FunctionalInterface
public interface NextDaySource {

  /**
   * @param title the day's call title
   * @param firstDay its (first) date
   * @param eventsByCity events linked to it, by the cities' short names (absent: none)
   */
  record NextDay(String title, LocalDate firstDay, Map<String, Integer> eventsByCity) {
    public NextDay {
      eventsByCity = Map.copyOf(eventsByCity);
    }
  }

  /** The next day of action not over yet, or empty when none is planned. */
  Future<Optional<NextDay>> nextDay();

  NextDaySource NONE = () -> Future.succeededFuture(Optional.empty());
}
