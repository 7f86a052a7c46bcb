package org.coordo.server.service.coordination;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.coordo.federation.FederationContext;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.coordination.CoordinationRepository;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.domain.coordination.MemberCity;
import org.coordo.server.domain.coordination.MembershipRequest;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.aggregation.NationalService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the national node: which collectives belong to the coordination. The list is the national
 * node's own: the collectives its group follows, and those that asked to join (an ActivityPub {@code
 * Join} of the national group, signed by the collective's actor) and that an admin accepted.
 * Accepting makes the national group follow the collective (so that its publications are gathered)
 * and answers the Join with an {@code Accept}; refusing answers with a {@code Reject}. See
 * docs/FEDIVERSE-MAPPING.md, "Joining the national coordination".
 */
public final class CoordinationService {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinationService.class);
  /** Actor types that may ask to join: collectives, not people. */
  static final Set<String> COLLECTIVE_TYPES = Set.of("Group", "Organization");

  private final FederationContext federation;
  private final StoreCalls storage;
  private final CoordinationRepository repository;
  private final NationalService national;
  private final Clock clock;
  private final TimeSortableIds ids;
  /** Told the national group's name when a city's request comes to wait (the editors' notices). */
  private volatile Function<String, Future<Void>> onRequest = group -> Future.succeededFuture();

  public CoordinationService(FederationContext federation, StoreCalls storage, CoordinationRepository repository,
      NationalService national, Clock clock) {
    this.federation = federation;
    this.storage = storage;
    this.repository = repository;
    this.national = national;
    this.clock = clock;
    this.ids = new TimeSortableIds(clock);
  }

  public String groupName() {
    return national.groupName();
  }

  private String groupId() {
    return federation.uris().actor(national.groupName()).toString();
  }

  /**
   * A {@code Join} arrived (signature verified by the inbox pipeline, {@code join.actor()} is its
   * signer): when it names the national group and comes from a collective's actor, it is recorded as
   * a pending request (again pending if it was refused; an accepted member is answered with a new
   * Accept). Anything else changes nothing.
   */
  public Future<Void> onJoin(InboundActivity join) {
    if (!groupId().equals(join.objectId()) || join.activity().getString("id") == null) {
      return Future.succeededFuture();
    }
    return federation.resolveActor(join.actor()).compose(actor -> {
      if (!COLLECTIVE_TYPES.contains(actor.type())) {
        LOG.info("Join of the national group by {} ignored: a {}, not a collective", join.actor(), actor.type());
        return Future.succeededFuture();
      }
      FollowedCity described = NationalService.describe(actor.id(), actor, false);
      return storage.call(store -> repository.findRequest(actor.id())).compose(existing -> {
        if (existing.isPresent() && existing.get().state() == MembershipRequest.State.ACCEPTED) {
          return answer(existing.get(), "Accept", existing.get()).mapEmpty();
        }
        MembershipRequest request = new MembershipRequest(actor.id(), described.name(), described.displayName(),
            described.handle(), described.url(), stripped(join.activity()), MembershipRequest.State.PENDING,
            clock.instant(), null);
        return storage.call(store -> {
          repository.putRequest(request);
          return null;
        }).<Void>mapEmpty().onSuccess(v -> {
          if (existing.isEmpty() || existing.get().state() != MembershipRequest.State.PENDING) {
            onRequest.apply(national.groupName()); // a courtesy: its result is not awaited
          }
        });
      });
    });
  }

  /** Who is told when a city's request comes to wait: the national group's name. */
  public void onRequest(Function<String, Future<Void>> listener) {
    this.onRequest = listener == null ? group -> Future.succeededFuture() : listener;
  }

  /** The Join as kept and embedded in the answer: its id, type, actor, object. */
  private static JsonObject stripped(JsonObject join) {
    return new JsonObject().put("id", join.getString("id")).put("type", "Join")
        .put("actor", join.getValue("actor") instanceof JsonObject a ? a.getString("id") : join.getValue("actor"))
        .put("object", join.getValue("object") instanceof JsonObject o ? o.getString("id") : join.getValue("object"));
  }

  /** Every request received, pending first, then by name. */
  public Future<List<MembershipRequest>> requests() {
    return storage.call(store -> repository.requests()).map(list -> list.stream()
        .sorted(Comparator.comparing((MembershipRequest r) -> r.state() != MembershipRequest.State.PENDING)
            .thenComparing(r -> r.displayName().toLowerCase(Locale.ROOT)))
        .toList());
  }

  /**
   * Accepts a request: the national group follows the collective, then an Accept of its Join is sent
   * (recorded in the same change). 404 when there is no request from {@code actor}.
   */
  public Future<MembershipRequest> accept(URI actor) {
    return require(actor).compose(request -> national.follow(request.actor().toString())
        .compose(followed -> answer(request, "Accept",
            request.decided(MembershipRequest.State.ACCEPTED, clock.instant()))));
  }

  /** Refuses a request: a Reject of its Join is sent. 404 when there is no request from {@code actor}. */
  public Future<MembershipRequest> refuse(URI actor) {
    return require(actor).compose(request -> answer(request, "Reject",
        request.decided(MembershipRequest.State.REFUSED, clock.instant())));
  }

  private Future<MembershipRequest> require(URI actor) {
    return storage.call(store -> repository.findRequest(actor)).compose(found -> found
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(NodeError.notFound("no request to join from this collective"))));
  }

  /** Sends {@code type} (Accept or Reject) of the request's Join to the collective, writing {@code next} with it. */
  private Future<MembershipRequest> answer(MembershipRequest request, String type, MembershipRequest next) {
    JsonObject activity = new JsonObject()
        .put("id", federation.uris().activity(ids.get()).toString())
        .put("type", type)
        .put("actor", groupId())
        .put("object", request.join().copy())
        .put("to", new JsonArray().add(request.actor().toString()));
    return federation.publishAll(national.groupName(), List.of(activity), batch -> repository.putRequest(batch, next))
        .map(next);
  }

  /**
   * The coordination's members: every collective the national group follows (or asked to follow),
   * each with how it came in, by name.
   */
  public Future<List<MemberCity>> members() {
    return Future.all(national.cities(), storage.call(store -> repository.requests())).map(all -> {
      List<FollowedCity> cities = all.resultAt(0);
      List<MembershipRequest> requests = all.resultAt(1);
      Map<String, MembershipRequest> accepted = new HashMap<>();
      for (MembershipRequest r : requests) {
        if (r.state() == MembershipRequest.State.ACCEPTED) {
          accepted.put(r.actor().toString(), r);
        }
      }
      return cities.stream().map(c -> {
        Optional<MembershipRequest> joined = Optional.ofNullable(accepted.get(c.actorId()));
        return new MemberCity(c.name(), c.displayName(), c.handle(), c.url(), c.actorId(),
            joined.isPresent() ? MemberCity.How.JOINED : MemberCity.How.FOLLOWED,
            joined.map(MembershipRequest::decidedAt).orElse(null));
      }).toList();
    });
  }
}
