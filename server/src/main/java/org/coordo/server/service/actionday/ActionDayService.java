package org.coordo.server.service.actionday;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.coordo.federation.FederationContext;
import org.coordo.federation.Ownership;
import org.coordo.federation.vocab.As;
import org.coordo.server.convert.ActionDayAsConverter;
import org.coordo.server.convert.ActionDayViews;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.account.CollectiveRepository;
import org.coordo.server.data.actionday.ActionDayRepository;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.domain.NodeTime;
import org.coordo.server.domain.account.Collective;
import org.coordo.server.domain.actionday.CityAnswer;
import org.coordo.server.domain.actionday.DayEvent;
import org.coordo.server.domain.actionday.DayIds;
import org.coordo.server.domain.actionday.DayOfAction;
import org.coordo.server.domain.actionday.DayOverview;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.publication.PublicationService;
import org.coordo.server.text.SafeUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Days of action (issue 17): the days this node knows (its own calls with a day, and those received from
 * collectives it follows: the national group's days reach every city node that follows it), the events
 * linked to each, local and received, gathered by city, the member cities that have not answered, and the
 * check of the link an editor gives an event ({@link PublicationService.ActionDayLinks}).
 *
 * <p>Everything is read through the index ({@link ActionDayRepository}) and checked against the records it
 * points to: a removed or changed item is never shown under a day it left.
 */
public final class ActionDayService implements PublicationService.ActionDayLinks {
  private static final Logger LOG = LoggerFactory.getLogger(ActionDayService.class);
  /** The most days listed, and the most events gathered for one day. */
  static final int MAX_DAYS = 200;
  static final int MAX_EVENTS = 2000;
  private static final Pattern DAY_PAGE = Pattern.compile("/days/([0-9A-Za-z_-]{1,64})/?");

  private final StoreCalls storage;
  private final ActionDayRepository days;
  private final PublicationRepository publications;
  private final AggregationRepository received;
  private final CollectiveRepository collectives;
  private final ActionDayViews views;
  private final PublicationUris uris;
  private final FederationContext federation;
  private final Supplier<Future<List<FollowedCity>>> members;
  private final Clock clock;

  /**
   * @param members the cities this node counts as members of its coordination (a national node: those it
   *     follows), for "not answered yet"; an empty list elsewhere
   */
  public ActionDayService(StoreCalls storage, ActionDayRepository days, PublicationRepository publications,
      AggregationRepository received, CollectiveRepository collectives, PublicationUris uris,
      FederationContext federation, Supplier<Future<List<FollowedCity>>> members, Clock clock) {
    this.storage = storage;
    this.days = days;
    this.publications = publications;
    this.received = received;
    this.collectives = collectives;
    this.uris = uris;
    this.views = new ActionDayViews(uris);
    this.federation = federation;
    this.members = members;
    this.clock = clock;
  }

  /** What keeps the index current: register it with the publication service and the aggregation repository. */
  public ActionDayIndexer indexer() {
    return new ActionDayIndexer(days, views);
  }

  /** The days not over yet (today included, in each day's zone), soonest first. */
  public Future<List<DayOfAction>> upcomingDays() {
    LocalDate today = LocalDate.now(clock.withZone(NodeTime.DEFAULT_ZONE));
    return storage.call(store -> {
      List<DayOfAction> out = new ArrayList<>();
      for (ActionDayRepository.DayRef ref : days.daysEndingFrom(today.minusDays(1), MAX_DAYS)) {
        resolve(ref.uri()).filter(d -> !d.day().isOverOn(LocalDate.now(clock.withZone(d.day().zone()))))
            .ifPresent(out::add);
      }
      out.sort(Comparator.comparing(DayOfAction::firstDay).thenComparing(DayOfAction::title,
          Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(DayOfAction::uri));
      return List.copyOf(out);
    });
  }

  /** The next day of action (the soonest not over), if any. */
  public Future<Optional<DayOfAction>> nextDay() {
    return upcomingDays().map(list -> list.stream().findFirst());
  }

  /** A day by its id on this node ({@code /days/{id}}), if known. */
  public Future<Optional<DayOfAction>> find(String id) {
    if (!DayIds.isWellFormed(id)) {
      return Future.succeededFuture(Optional.empty());
    }
    return storage.call(store -> days.dayUri(id).flatMap(this::resolve));
  }

  /** A day by its ActivityPub id, if known here (local, or received). */
  public Future<Optional<DayOfAction>> findByUri(String uri) {
    if (uri == null || uri.length() > ActionDayAsConverter.MAX_URI_LENGTH) {
      return Future.succeededFuture(Optional.empty());
    }
    return storage.call(store -> resolve(uri));
  }

  /** The day, its events grouped by city and the cities that have not answered: 404 when unknown. */
  public Future<DayOverview> overview(String id) {
    return find(id).compose(found -> {
      DayOfAction day = found.orElseThrow(() -> NodeError.notFound("day of action"));
      return storage.call(store -> events(day.uri()))
          .compose(events -> members.get().map(cities -> overview(day, events, cities)));
    });
  }

  private static DayOverview overview(DayOfAction day, List<DayEvent> events, List<FollowedCity> cities) {
    Map<String, List<DayEvent>> byCity = new LinkedHashMap<>();
    events.stream()
        .sorted(Comparator.comparing(DayEvent::startTime).thenComparing(DayEvent::id))
        .forEach(e -> byCity.computeIfAbsent(e.city(), k -> new ArrayList<>()).add(e));
    List<CityAnswer> answers = new ArrayList<>();
    byCity.forEach((city, list) -> answers.add(new CityAnswer(city, list.get(0).cityName(), list)));
    answers.sort(Comparator.comparing((CityAnswer c) -> c.cityName().toLowerCase(Locale.ROOT))
        .thenComparing(CityAnswer::city));
    Set<String> answered = byCity.keySet();
    List<FollowedCity> waiting = cities.stream()
        .filter(FollowedCity::accepted)
        .filter(c -> !answered.contains(c.name()))
        .sorted(Comparator.comparing((FollowedCity c) -> c.displayName().toLowerCase(Locale.ROOT)))
        .collect(Collectors.toList());
    return new DayOverview(day, answers, waiting);
  }

  /**
   * The day of action an event may link to, from what an editor gave: a day's id, its call's page, its page
   * on this node ({@code /days/{id}}), or another server's address, fetched through the guarded fetcher and
   * read there (another Coordo node's {@code /days/{id}} page sends the fetch on to the day's call). A 400 with a clear message when it names no day of action.
   */
  @Override
  public Future<String> requireLinkable(String given) {
    String url = given == null ? null : SafeUrls.http(given.strip()).orElse(null);
    if (url == null || url.length() > ActionDayAsConverter.MAX_URI_LENGTH) {
      return Future.failedFuture(refused(NOT_AN_ADDRESS));
    }
    URI uri = URI.create(url);
    if (federation.uris().isLocal(uri)) {
      Matcher page = DAY_PAGE.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
      Future<Optional<DayOfAction>> local = page.matches() ? find(page.group(1)) : findByUri(url);
      return local.map(d -> d.map(DayOfAction::uri).orElseThrow(() -> refused(NOT_A_DAY)));
    }
    return findByUri(url).compose(known -> known.isPresent() ? Future.succeededFuture(known.get().uri())
        : federation.fetchActivity(uri).transform(ar -> {
          if (ar.failed()) {
            LOG.info("action days: {} could not be read: {}", url, ar.cause().getMessage());
            return Future.failedFuture(refused(UNREADABLE));
          }
          JsonObject doc = ar.result().json();
          String id = doc.getValue("id") instanceof String s ? s : null;
          boolean isDay = id != null && SafeUrls.isHttp(id) && Ownership.sameOrigin(id, ar.result().finalUrl())
              && "Article".equals(As.typeOf(doc)) && ActionDayAsConverter.readDay(doc).isPresent();
          return isDay ? Future.succeededFuture(id) : Future.failedFuture(refused(NOT_A_DAY));
        }));
  }

  @Override
  public Future<List<DayOfAction>> linkable() {
    return upcomingDays();
  }

  /** The field the API and the event form name: {@code partOfActionDay}. */
  private static NodeError refused(String why) {
    return NodeError.badField("partOfActionDay", why);
  }

  static final String NOT_AN_ADDRESS = "The day of action must be given by its address (https://…).";
  static final String NOT_A_DAY = "This address is not a day of action: choose one from the list, or paste the "
      + "address of a day of action's call.";
  static final String UNREADABLE = "The day of action at this address could not be read: check the address, "
      + "or try again later.";

  /** A known day by its ActivityPub id (store code): a public local call with a day, or a received one. */
  private Optional<DayOfAction> resolve(String uri) {
    Optional<Publication> local = uris.parseObject(uri).filter(k -> k.kind() == PublicationKind.CALL)
        .flatMap(publications::find);
    if (local.isPresent()) {
      Publication p = local.get();
      return p.isPublic() && p.actionDay() != null
          ? Optional.of(views.day(p, displayName(p.collective()))) : Optional.empty();
    }
    return received.find(uri).filter(i -> i.kind() == AggregatedKind.CALL && i.actionDay() != null)
        .map(ActionDayViews::day);
  }

  /** The events still linked to a day (store code): each checked against its record. */
  private List<DayEvent> events(String dayUri) {
    List<DayEvent> out = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (ActionDayRepository.LinkRef link : days.links(dayUri, MAX_EVENTS)) {
      if (link.local()) {
        uris.parseObject(link.eventUri()).filter(k -> k.kind() == PublicationKind.EVENT)
            .flatMap(publications::find)
            .filter(p -> p.isPublic() && p.event() != null && dayUri.equals(p.event().actionDay()))
            .ifPresent(p -> out.add(views.event(p, names.computeIfAbsent(p.collective(), this::displayName))));
      } else {
        received.find(link.eventUri())
            .filter(i -> i.kind() == AggregatedKind.EVENT && i.event() != null && dayUri.equals(i.event().actionDay()))
            .map(ActionDayViews::event)
            .ifPresent(out::add);
      }
    }
    return out;
  }

  private String displayName(String collective) {
    return collectives.find(collective).map(Collective::displayName).filter(n -> n != null && !n.isBlank())
        .orElse(collective);
  }
}
