package org.coordo.server.web;

import io.vertx.core.Future;
import java.util.List;
import org.coordo.server.domain.actionday.DayOfAction;
import org.coordo.server.service.actionday.ActionDayService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upcoming days of action as links to their pages ({@code /days/{id}}), for the national front
 * page and agenda (issue 17). A failure to read them never fails the page that shows them: it shows none.
 */
public final class DayLinks {
  private static final Logger LOG = LoggerFactory.getLogger(DayLinks.class);
  /** At most this many days are announced. */
  static final int MAX = 3;

  /** A day of action as a link: its title, theme, dates and page. */
  public record Link(String title, String theme, String dates, String href) {}

  private final ActionDayService days;

  /** @param days the days of action, or null for none */
  DayLinks(ActionDayService days) {
    this.days = days;
  }

  Future<List<Link>> upcoming(Messages.Bundle m) {
    if (days == null) {
      return Future.succeededFuture(List.of());
    }
    return days.upcomingDays()
        .map(list -> list.stream().limit(MAX).map(d -> link(d, m)).toList())
        .recover(e -> {
          LOG.warn("upcoming days of action unreadable, the page shows none", e);
          return Future.succeededFuture(List.of());
        });
  }

  private static Link link(DayOfAction d, Messages.Bundle m) {
    String title = d.title() == null || d.title().isBlank() ? d.day().theme() : d.title();
    return new Link(title, d.day().theme(), DayPage.dates(d, m), "/days/" + d.id());
  }
}
