package org.coordo.server.web;

import java.util.List;
import java.util.Set;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.domain.mail.MailFrequency;
import org.coordo.server.domain.mail.Subscription;

/**
 * The subscribe-by-email box of a public page ({@code subscribe-form.jte}), or of the manage page:
 * the scope, and on the national node the cities to pick from, with what is already chosen (the
 * city filter being viewed, or the subscriber's choices).
 *
 * @param scope the collective's name (the national group's on the national node)
 * @param scopeName its display name
 * @param cities the cities one may pick (national node), else empty
 * @param chosen the cities ticked
 * @param weekly whether "weekly digest" is ticked (else "each publication")
 * @param eventsOnly whether "events only" is ticked (else "everything")
 */
public record SubscribeBox(String scope, String scopeName, List<FollowedCity> cities, Set<String> chosen,
    boolean weekly, boolean eventsOnly) {

  /** A collective's box: no cities, every publication, everything. */
  public static SubscribeBox collective(String scope, String scopeName) {
    return new SubscribeBox(scope, scopeName, List.of(), Set.of(), false, false);
  }

  /** The national box on a filter: its city ticked, events only when the filter is the agenda's. */
  public static SubscribeBox national(String scope, String scopeName, List<FollowedCity> cities, String city,
      boolean events) {
    return new SubscribeBox(scope, scopeName, cities, city == null || city.isEmpty() ? Set.of() : Set.of(city), false,
        events);
  }

  /** The manage page's box: the subscriber's choices. */
  public static SubscribeBox of(Subscription s, String scopeName, List<FollowedCity> cities) {
    return new SubscribeBox(s.scope(), scopeName, cities, s.cities(), s.frequency() == MailFrequency.WEEKLY,
        s.eventsOnly());
  }

  public boolean national() {
    return !cities.isEmpty();
  }

  public boolean chosen(String city) {
    return chosen.contains(city);
  }

  /** The display names of the ticked cities (their names when unknown), for the summary. */
  public List<String> chosenNames() {
    return chosen.stream().sorted().map(c -> cities.stream().filter(f -> f.name().equals(c))
        .map(FollowedCity::displayName).findFirst().orElse(c)).toList();
  }
}
