package org.coordo.server.service.aggregation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.coordo.federation.FederationContext;
import org.coordo.federation.FederationException;
import org.coordo.federation.ActorType;
import org.coordo.federation.LocalActor;
import org.coordo.federation.Following;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.vocab.As;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.domain.aggregation.NationalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The national coordination: its {@code Group} (created at first start, open to followers: anyone's
 * Follow is accepted at once), the collectives it follows (configured or added), and its re-announces — a plain
 * {@code Announce} of the object URI to its own followers (a boost in Mastodon), at most once per
 * object, automatically by policy or when an editor picks it.
 */
public final class NationalService {
  private static final Logger LOG = LoggerFactory.getLogger(NationalService.class);

  private final FederationContext federation;
  private final AggregationService aggregation;
  private final NationalSettings settings;
  private final Clock clock;
  private final TimeSortableIds ids;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final Set<String> failedFollows = ConcurrentHashMap.newKeySet();

  public NationalService(FederationContext federation, AggregationService aggregation, NationalSettings settings, Clock clock) {
    this.federation = federation;
    this.aggregation = aggregation;
    this.settings = settings;
    this.clock = clock;
    this.ids = new TimeSortableIds(clock);
  }

  public NationalSettings settings() {
    return settings;
  }

  public String groupName() {
    return settings.groupName();
  }

  /**
   * Ensures the national group exists (with {@code creator} when given: the accounts' collective
   * creation, so that it gets members; else a bare Group actor) and is open to followers: anyone's
   * Follow is accepted at once. A group stored before that (approving followers by hand) is switched
   * here, at start, and the follows that were waiting are accepted (their Accept sent).
   */
  public Future<LocalActor> ensureGroup(Function<NationalSettings, Future<?>> creator) {
    return federation.actors().find(settings.groupName()).compose(found -> {
      if (found.isPresent()) {
        LocalActor a = found.get();
        return !a.manuallyApprovesFollowers() ? Future.succeededFuture(a)
            : federation.actors().update(a.name(), a.displayName(), a.summary(), a.iconUrl(), false)
                .compose(open -> acceptWaitingFollowers().map(open));
      }
      Future<?> viaCreator = creator == null ? null : creator.apply(settings);
      Future<?> created = viaCreator != null ? viaCreator
          : federation.actors().create(settings.groupName(), ActorType.Group, settings.displayName(),
              "Coordination nationale : l'agenda et les appels de toutes les villes.", false);
      return created.compose(v -> federation.actors().require(settings.groupName()));
    });
  }

  /** Accepts every follow left waiting from when the group approved by hand; the number accepted. */
  Future<Integer> acceptWaitingFollowers() {
    return pendingFollowers().compose(pending -> {
      Future<Void> chain = Future.succeededFuture();
      for (org.coordo.federation.Follower f : pending) {
        chain = chain.compose(v -> federation.approveFollower(settings.groupName(), f.actorId()).<Void>mapEmpty()
            .recover(e -> {
              LOG.warn("national: could not accept the waiting follow of {}: {}", f.actorId(), e.getMessage());
              return Future.succeededFuture();
            }));
      }
      if (!pending.isEmpty()) {
        LOG.info("national: the group is open to followers; {} waiting follow(s) accepted", pending.size());
      }
      return chain.map(pending.size());
    });
  }

  /**
   * Follows every configured collective; a failure is logged, does not stop the others, and is
   * retried by {@link #retryFailedFollows} (the city may simply not be up yet).
   */
  public Future<Void> followConfigured() {
    return followAll(settings.follow());
  }

  /** Asks again the configured collectives whose follow could not be sent; the number asked. */
  public Future<Integer> retryFailedFollows() {
    List<String> again = List.copyOf(failedFollows);
    return followAll(again).map(again.size());
  }

  private Future<Void> followAll(List<String> targets) {
    Future<Void> chain = Future.succeededFuture();
    for (String target : targets) {
      chain = chain.compose(v -> follow(target).<Void>mapEmpty()
          .onSuccess(x -> failedFollows.remove(target))
          .recover(e -> {
            failedFollows.add(target);
            LOG.warn("national: could not follow {} (retried later): {}", target, e.getMessage());
            return Future.succeededFuture();
          }));
    }
    return chain;
  }

  /** The national group follows {@code target} ({@code @name@host} or an actor URL). */
  public Future<Following> follow(String target) {
    cities = null;
    return federation.follow(settings.groupName(), target).andThen(ar -> cities = null);
  }

  public Future<List<Following>> follows() {
    return federation.following(settings.groupName());
  }

  /**
   * The collectives the national group follows (or asked to), with their names and handles from the
   * actor documents this node keeps; one it cannot read is listed by its address.
   */
  public Future<List<FollowedCity>> cities() {
    CachedCities cached = cities;
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.until())) {
      return cached.list();
    }
    Future<List<FollowedCity>> read = readCities();
    cities = new CachedCities(read, now.plus(CITIES_TTL));
    return read.onFailure(e -> cities = null);
  }

  /** How long the list of cities is kept (a front page asks for it on every view; follows change rarely). */
  static final java.time.Duration CITIES_TTL = java.time.Duration.ofSeconds(30);

  private record CachedCities(Future<List<FollowedCity>> list, Instant until) {}

  private volatile CachedCities cities;

  private Future<List<FollowedCity>> readCities() {
    return follows().compose(list -> {
      List<Future<FollowedCity>> each = list.stream()
          .filter(f -> f.state() != org.coordo.federation.FollowState.REJECTED)
          .map(f -> federation.resolveActor(f.actorId()).map(a -> city(f, a))
              .recover(e -> Future.succeededFuture(unreadCity(f))))
          .toList();
      return Future.all(each).map(all -> all.<FollowedCity>list().stream()
          .sorted(java.util.Comparator.comparing(c -> c.displayName().toLowerCase(java.util.Locale.ROOT)))
          .toList());
    });
  }

  private static FollowedCity city(Following f, org.coordo.federation.RemoteActor a) {
    return describe(f.actorId(), a, f.state() == org.coordo.federation.FollowState.ACCEPTED);
  }

  /** A collective as the national lists show it: name, display name, handle, page, from its actor document. */
  public static FollowedCity describe(URI id, org.coordo.federation.RemoteActor a, boolean accepted) {
    String name = a.preferredUsername() == null ? lastSegment(id) : a.preferredUsername().toLowerCase(java.util.Locale.ROOT);
    String display = a.document().getValue("name") instanceof String s && !s.isBlank() ? s.strip() : name;
    String url = a.document().getValue("url") instanceof String u && u.startsWith("http") ? u : id.toString();
    return new FollowedCity(name, display, "@" + name + "@" + authority(id), url, accepted, id.toString());
  }

  private static FollowedCity unreadCity(Following f) {
    String name = lastSegment(f.actorId());
    return new FollowedCity(name, name, "@" + name + "@" + authority(f.actorId()), f.actorId().toString(),
        f.state() == org.coordo.federation.FollowState.ACCEPTED, f.actorId().toString());
  }

  private static String authority(URI id) {
    return id.getPort() < 0 ? id.getHost() : id.getHost() + ":" + id.getPort();
  }

  private static String lastSegment(URI id) {
    String path = id.getPath() == null ? "" : id.getPath().replaceAll("/+$", "");
    return path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
  }

  /** Followers of the national group waiting for an admin's approval. */
  public Future<List<org.coordo.federation.Follower>> pendingFollowers() {
    return federation.pendingFollowers(settings.groupName(), 500);
  }

  /** Approves (sends the Accept) or rejects a follower of the national group. */
  public Future<org.coordo.federation.Follower> decide(URI follower, boolean approve) {
    return approve ? federation.approveFollower(settings.groupName(), follower)
        : federation.rejectFollower(settings.groupName(), follower);
  }

  /**
   * Boosts a new item when the policy says so and it is current: published in the last
   * {@link #RECENT} days, or an event still to come. What a backfill brings from a city's past is
   * indexed, not boosted (followers' timelines are not flooded with old posts).
   */
  public Future<Void> onNewItem(AggregatedItem item) {
    if (!settings.reannounce().automatic(item.kind()) || !isCurrent(item)) {
      return Future.succeededFuture();
    }
    return reannounce(item.id()).mapEmpty();
  }

  /** How recent a publication must be to be boosted automatically. */
  public static final java.time.Duration RECENT = java.time.Duration.ofDays(14);

  private boolean isCurrent(AggregatedItem item) {
    Instant now = clock.instant();
    if (item.event() != null) {
      Instant end = item.event().endTime() != null ? item.event().endTime() : item.event().startTime();
      return end.isAfter(now);
    }
    return item.published().isAfter(now.minus(RECENT));
  }

  /**
   * Announces a stored object to the national group's followers, once: returns the Announce id
   * (the earlier one when already announced). 404 when the object is not in the national index.
   */
  public Future<String> reannounce(String objectId) {
    return aggregation.find(objectId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(FederationException.notFound("no aggregated publication " + objectId));
      }
      if (!inFlight.add(objectId)) {
        return Future.failedFuture(new FederationException(409, "this publication is being announced"));
      }
      return aggregation.storage().call(store -> aggregation.repository().findReannounce(objectId))
          .compose(previous -> {
            if (previous.isPresent()) {
              return Future.succeededFuture(previous.get());
            }
            String group = federation.uris().actor(settings.groupName()).toString();
            String activityId = federation.uris().activity(ids.get()).toString();
            Instant now = clock.instant();
            JsonObject announce = new JsonObject()
                .put("id", activityId)
                .put("type", "Announce")
                .put("actor", group)
                .put("object", objectId)
                .put("to", new JsonArray().add(As.PUBLIC))
                .put("cc", new JsonArray().add(federation.uris().followers(settings.groupName()).toString()));
            return federation
                .publishAll(settings.groupName(), List.of(announce),
                    batch -> aggregation.repository().markReannounced(batch, objectId, activityId, now))
                .map(ids -> ids.get(0).toString());
          })
          .andThen(ar -> inFlight.remove(objectId));
    });
  }
}
