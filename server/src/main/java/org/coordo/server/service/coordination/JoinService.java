package org.coordo.server.service.coordination;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.federation.FederationContext;
import org.coordo.federation.TimeSortableIds;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.vocab.As;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.coordination.CoordinationRepository;
import org.coordo.server.domain.aggregation.FollowedCity;
import org.coordo.server.domain.coordination.JoinRequest;
import org.coordo.server.error.NodeError;
import org.coordo.server.service.aggregation.NationalService;

/**
 * On a city node: a collective asks to join a national coordination. Its editors give the national
 * group's handle; a {@code Join} whose object is that group is sent, signed by the collective's own
 * actor, and recorded with it; the national group's {@code Accept} or {@code Reject} of that Join
 * (matched by the Join's id and the national group as sender) records the answer.
 *
 * <p>A collective that asked to join wants the national group to follow it (that is how the national node gathers
 * what it publishes): the group's {@code Follow} is approved at once even when the collective approves its
 * followers by hand, whichever of the Follow and the Accept of the Join arrives first.
 */
public final class JoinService {
  private final FederationContext federation;
  private final StoreCalls storage;
  private final CoordinationRepository repository;
  private final Clock clock;
  private final TimeSortableIds ids;
  /** Pending followers looked at for the national group's follow. */
  private static final int PENDING_LOOKUP = 500;

  public JoinService(FederationContext federation, StoreCalls storage, CoordinationRepository repository, Clock clock) {
    this.federation = federation;
    this.storage = storage;
    this.repository = repository;
    this.clock = clock;
    this.ids = new TimeSortableIds(clock);
  }

  /** Where {@code collective}'s request stands, if it made one; 404 when there is no such collective. */
  public Future<Optional<JoinRequest>> find(String collective) {
    return federation.actors().find(collective).compose(actor -> actor.isEmpty()
        ? Future.failedFuture(NodeError.notFound("no such collective"))
        : storage.call(store -> repository.findJoin(collective)));
  }

  /**
   * {@code collective} asks to join the national group {@code handle} names: 400 for a malformed
   * handle, 404 when it cannot be found, 422 when it is not a group. Already a member of that group:
   * nothing is sent again.
   */
  public Future<JoinRequest> ask(String collective, String handle) {
    return find(collective).compose(known -> federation.resolveHandle(handle)).compose(group -> {
      if (!"Group".equals(group.type())) {
        return Future.failedFuture(NodeError.invalid("handle", "not a group"));
      }
      return find(collective).compose(existing -> {
        if (existing.isPresent() && existing.get().state() == JoinRequest.State.MEMBER
            && existing.get().national().equals(group.id())) {
          return Future.succeededFuture(existing.get());
        }
        FollowedCity described = NationalService.describe(group.id(), group, false);
        String joinId = federation.uris().activity(ids.get()).toString();
        JoinRequest request = new JoinRequest(collective, group.id(), described.handle(), joinId,
            JoinRequest.State.PENDING, clock.instant(), null);
        JsonObject join = new JsonObject()
            .put("id", joinId)
            .put("type", "Join")
            .put("actor", federation.uris().actor(collective).toString())
            .put("object", group.id().toString())
            .put("to", new JsonArray().add(group.id().toString()));
        return federation.publishAll(collective, List.of(join), batch -> repository.putJoin(batch, request))
            .map(request);
      });
    });
  }

  /**
   * An Accept or Reject arrived: when it answers a Join we sent, from the group it was sent to, the
   * answer is recorded. Anything else changes nothing (follow answers are federation's).
   */
  public Future<Void> onAnswer(InboundActivity answer, boolean accepted) {
    String joinId = As.idOf(answer.activity().getValue("object"));
    if (joinId == null) {
      return Future.succeededFuture();
    }
    URI from = answer.actor();
    return storage.call(store -> {
      Optional<JoinRequest> sent = repository.findJoinById(joinId, from);
      sent.ifPresent(j -> repository.putJoin(j.answered(
          accepted ? JoinRequest.State.MEMBER : JoinRequest.State.REFUSED, clock.instant())));
      return sent.filter(j -> accepted);
    }).compose(member -> member.map(j -> approveFollowOf(j.collective(), j.national()))
        .orElse(Future.succeededFuture()));
  }

  /**
   * A {@code Follow} arrived (after federation stored it): when it comes from the national group one of the
   * addressed collectives asked to join (waiting for an answer, or a member), it is approved if it waits.
   */
  public Future<Void> onFollow(InboundActivity follow) {
    List<Future<Void>> each = new ArrayList<>();
    for (String collective : follow.recipients()) {
      each.add(storage.call(store -> repository.findJoin(collective))
          .compose(join -> join.filter(j -> j.national().equals(follow.actor()) && j.state() != JoinRequest.State.REFUSED)
              .map(j -> approveFollowOf(collective, j.national()))
              .orElse(Future.succeededFuture())));
    }
    return Future.all(each).mapEmpty();
  }

  /** Approves {@code national}'s follow of {@code collective} if it waits for the collective's editors. */
  private Future<Void> approveFollowOf(String collective, URI national) {
    return federation.pendingFollowers(collective, PENDING_LOOKUP).compose(pending -> pending.stream()
        .anyMatch(f -> f.actorId().equals(national))
        ? federation.approveFollower(collective, national).mapEmpty()
        : Future.<Void>succeededFuture());
  }
}
