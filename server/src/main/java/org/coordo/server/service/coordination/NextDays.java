package org.coordo.server.service.coordination;

import io.vertx.core.Future;
import java.util.Optional;
import org.coordo.server.service.actionday.ActionDayService;

/** The dashboard's next day of action, read from the days of action (issue 17): the soonest not over, its events by city. */
public final class NextDays {
  private NextDays() {}

  public static NextDaySource of(ActionDayService days) {
    if (days == null) {
      return NextDaySource.NONE;
    }
    return () -> days.nextDay().compose(next -> next.isEmpty()
        ? Future.succeededFuture(Optional.<NextDaySource.NextDay>empty())
        : days.overview(next.get().id()).map(o -> Optional.of(
            new NextDaySource.NextDay(o.day().title(), o.day().firstDay(), o.counts()))));
  }
}
