package org.coordo.server.web;

import java.util.List;

/**
 * A collective as its public page shows it.
 *
 * @param descriptionHtml sanitised HTML rendered by the accounts service from the description
 * @param handle {@code @name@host}
 * @param actorUrl its {@code Group} actor id
 */
public record CollectiveSummary(
    String name,
    String displayName,
    String descriptionHtml,
    String handle,
    String actorUrl,
    List<PublicationView> upcoming,
    List<PublicationView> calls,
    List<PublicationView> minutes) {

  public String path() {
    return "/collectives/" + name;
  }

  /** The feeds' whole-collective RSS, Atom and iCalendar (agenda) addresses. */
  public String rss() {
    return path() + "/feed.rss";
  }

  public String atom() {
    return path() + "/feed.atom";
  }

  public String ics() {
    return path() + "/agenda.ics";
  }
}
