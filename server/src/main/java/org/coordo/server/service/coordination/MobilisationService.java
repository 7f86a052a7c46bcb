package org.coordo.server.service.coordination;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.coordo.federation.FederationContext;
import org.coordo.federation.Follower;
import org.coordo.server.domain.aggregation.CityActivity;
import org.coordo.server.domain.coordination.MemberCity;
import org.coordo.server.service.aggregation.AggregationService;

/**
 * "Mobilisation at a glance" for the national coordination (issue 17): one row per member city —
 * whether its group follows the national group, what it published in the last {@link #WINDOW} (counts
 * by kind, latest date), and how many events it linked to the next day of action.
 */
public final class MobilisationService {
  /** The window of publications counted. */
  public static final Duration WINDOW = Duration.ofDays(28);
  /** At most this many followers of the national group are read to tell which cities follow it. */
  static final int FOLLOWERS_READ = 10_000;

  /**
   * @param city the member city
   * @param followsNational whether the city's group is among the national group's (accepted) followers
   * @param activity what it published in the window
   * @param nextDayEvents its events on the next day of action; null when no day is planned
   */
  public record Row(MemberCity city, boolean followsNational, CityActivity activity, Integer nextDayEvents) {}

  /**
   * @param rows one per member city, by name
   * @param since start of the window
   * @param nextDay the next day of action, or null when none is planned
   */
  public record Dashboard(List<Row> rows, Instant since, NextDaySource.NextDay nextDay) {}

  private final CoordinationService coordination;
  private final AggregationService aggregation;
  private final FederationContext federation;
  private final NextDaySource days;
  private final Clock clock;

  public MobilisationService(CoordinationService coordination, AggregationService aggregation,
      FederationContext federation, NextDaySource days, Clock clock) {
    this.coordination = coordination;
    this.aggregation = aggregation;
    this.federation = federation;
    this.days = days == null ? NextDaySource.NONE : days;
    this.clock = clock;
  }

  public Future<Dashboard> dashboard() {
    Instant since = clock.instant().minus(WINDOW);
    Future<Set<String>> followers = federation.followers(coordination.groupName(), FOLLOWERS_READ)
        .map(list -> list.stream().map(Follower::actorId).map(URI::toString).collect(Collectors.toSet()));
    Future<Optional<NextDaySource.NextDay>> next = days.nextDay();
    return Future.all(coordination.members(), followers, next).compose(all -> {
      List<MemberCity> members = all.resultAt(0);
      Set<String> following = all.resultAt(1);
      NextDaySource.NextDay day = next.result().orElse(null);
      List<Future<Row>> rows = members.stream().map(m -> aggregation.activity(m.name(), since)
          .map(activity -> new Row(m, following.contains(m.actorId()), activity,
              day == null ? null : day.eventsByCity().getOrDefault(m.name(), 0))))
          .toList();
      return Future.all(rows).map(done -> new Dashboard(done.<Row>list(), since, day));
    });
  }
}
