package org.coordo.server.service.cosign;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.coordo.federation.FederationContext;
import org.coordo.federation.RemoteActor;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.cosign.CoSignRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.federation.vocab.As;
import org.coordo.server.auth.Principal;
import org.coordo.server.data.cosign.CallRecord;
import org.coordo.server.data.cosign.ReceivedInvitation;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.CoSignInvitation;
import org.coordo.server.domain.cosign.InvitationState;
import org.coordo.server.domain.cosign.SentInvitation;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.cosign.SignedCall;
import org.coordo.server.domain.cosign.TextSignatory;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.NodeError;

/**
 * Calls co-signed across nodes (issue 17; protocol in docs/FEDIVERSE-MAPPING.md, "Co-signed calls").
 * Every write is for the editors of the collective concerned (403 otherwise); every read of
 * signatories is public for a public call. What arrives from other nodes is {@link CoSignInbox}'s.
 */
public final class CoSigning {
  /** Most invitations one call may send (answered ones included). */
  public static final int MAX_INVITATIONS = 500;
  private static final int MAX_LISTED = 500;

  private final CoSignState s;
  private final CallUpdates updates;
  private final CoSignInbox inbox;

  private CoSigning(CoSignState state, CallUpdates updates) {
    this.s = state;
    this.updates = updates;
    this.inbox = new CoSignInbox(state, updates);
  }

  /**
   * The service on the node's store and federation port.
   *
   * @param collectiveNames a local collective's display name; empty when there is no such collective
   */
  public static CoSigning create(StoreCalls storage, CoSignRepository repo, PublicationRepository publications,
      FederationContext fed, PublicationAsConverter as, Function<String, Future<Optional<String>>> collectiveNames,
      Clock clock, Supplier<String> ids) {
    CoSignState state = new CoSignState(storage, repo, publications, fed, as.uris(), collectiveNames, clock, ids);
    return new CoSigning(state, new CallUpdates(state, as));
  }

  /** What other nodes say (the inbox listeners call it). */
  public CoSignInbox inbox() {
    return inbox;
  }

  // --- The author's side

  /**
   * The collective's editors invite another collective ({@code @name@host}, {@code name@host} or an
   * actor URL, resolved by WebFinger) to co-sign its call {@code publicationId}: an {@code Invite}
   * is sent to it. 400 malformed handle, 404 unknown call or actor, 409 already invited or signing,
   * 422 not a Group, the collective itself, a collective of this node, or a call that is not public
   * and published.
   */
  public Future<SentInvitation> invite(Principal who, String collective, String publicationId, String handle) {
    return Future.<Void>succeededFuture().compose(v -> {
      who.requirePublishFor(collective);
      if (handle == null || handle.isBlank() || handle.length() > 300) {
        throw NodeError.invalid("handle", "required: @name@host of the collective to invite");
      }
      if (isLocalHandle(handle.strip())) {
        throw NodeError.invalid("handle", "invite a collective of another node (collectives of this node are not"
            + " supported yet)");
      }
      return publishedCall(collective, publicationId);
    }).compose(call -> s.fed.resolveHandle(handle.strip()).recover(e -> Future.failedFuture(
        e instanceof NodeError ? e : NodeError.of(statusOf(e), "no collective found for " + handle.strip(), e)))
        .compose(actor -> {
          if (!"Group".equals(actor.type())) {
            return Future.failedFuture(NodeError.invalid("handle", "only a collective (a Group) can co-sign a call"));
          }
          return sendInvite(collective, call, actor);
        }));
  }

  private Future<SentInvitation> sendInvite(String collective, Publication call, RemoteActor actor) {
    String callId = s.uris.object(call.key()).toString();
    return s.serialized(callId, () -> recordOf(call).compose(record -> {
      Optional<SentInvitation> existing = record.invitation(actor.id().toString());
      if (existing.isPresent() && (existing.get().state() == InvitationState.PENDING
          || existing.get().state() == InvitationState.ACCEPTED)) {
        return Future.failedFuture(NodeError.conflict("this collective is already invited to sign this call"));
      }
      if (record.invited().size() >= MAX_INVITATIONS) {
        return Future.failedFuture(NodeError.invalid("handle", "at most " + MAX_INVITATIONS + " invitations per call"));
      }
      Instant now = s.now();
      String inviteId = s.activityId();
      Signatory who = CoSignState.remote(actor, now, null);
      SentInvitation sent = new SentInvitation(actor.id().toString(), who.handle(), who.name(), inviteId,
          InvitationState.PENDING, now);
      CallRecord updated = record.withInvitation(sent, now);
      JsonObject invite = CoSignActivities.invite(inviteId, callId, record.collection(), actor.id().toString());
      return s.publish(collective, List.of(invite), batch -> s.repo.putCall(batch, updated)).map(sent);
    }));
  }

  /**
   * The editors remove a collective that signed their call (the author's choice: a signature they no longer want
   * under their call): the same as its own withdrawal — removed from the signatories, a {@code Remove} sent to the
   * public, the followers, the other signatories and the removed collective, whose node ends its signature
   * there too. 404 when the actor does not sign the call.
   */
  public Future<Void> removeSignatory(Principal who, String collective, String publicationId, String actor) {
    return Future.<Void>succeededFuture().compose(v -> {
      who.requirePublishFor(collective);
      if (actor == null || actor.isBlank() || actor.length() > 2_000) {
        throw NodeError.invalid("actor", "required: the id of the collective to remove");
      }
      return publishedCall(collective, publicationId);
    }).compose(call -> updates.removeSignatory(s.uris.object(call.key()).toString(), actor.strip()))
        .compose(removed -> removed ? Future.<Void>succeededFuture()
            : Future.failedFuture(NodeError.notFound("signatory")));
  }

  /** The editors cancel an invitation still pending (the invited node is told with an Undo of the Invite). */
  public Future<SentInvitation> cancelInvitation(Principal who, String collective, String publicationId,
      String invitedActor) {
    return Future.<Void>succeededFuture().compose(v -> {
      who.requirePublishFor(collective);
      return publishedCall(collective, publicationId);
    }).compose(call -> {
      String callId = s.uris.object(call.key()).toString();
      return s.serialized(callId, () -> recordOf(call).compose(record -> {
        SentInvitation sent = record.invitation(invitedActor == null ? "" : invitedActor)
            .orElseThrow(() -> NodeError.notFound("invitation"));
        if (sent.state() != InvitationState.PENDING) {
          return Future.failedFuture(NodeError.conflict("only a pending invitation can be cancelled"));
        }
        JsonObject original = CoSignActivities.invite(sent.inviteActivity(), callId, record.collection(),
            sent.invited()).put("actor", s.uris.group(collective).toString());
        JsonObject undo = CoSignActivities.undo(original, List.of(sent.invited()), List.of());
        SentInvitation cancelled = sent.withState(InvitationState.WITHDRAWN);
        CallRecord updated = record.withInvitation(cancelled, s.now());
        return s.publish(collective, List.of(undo), batch -> s.repo.putCall(batch, updated)).map(cancelled);
      }));
    });
  }

  /**
   * The editors replace the call's plain-text signatories (names not on the fediverse), in order;
   * followers and signatories get an {@code Update} of the call. 422 with field messages for a blank
   * or too long name, a link that is not http(s), or more than {@link TextSignatory#MAX_COUNT}.
   */
  public Future<CallSignatories> setTextSignatories(Principal who, String collective, String publicationId,
      List<TextSignatory> typed) {
    return Future.<Void>succeededFuture().compose(v -> {
      who.requirePublishFor(collective);
      List<TextSignatory> checked = CoSignActivities.checkText(typed);
      return ownCall(collective, publicationId).compose(call -> {
        String callId = s.uris.object(call.key()).toString();
        return s.serialized(callId, () -> recordOf(call).compose(record -> {
          Instant now = s.now();
          CallRecord updated = record.withText(checked.stream().map(t -> Signatory.text(t, now)).toList(), now);
          Future<Void> written = call.isPublic()
              ? updates.sendUpdate(call, updated, batch -> s.repo.putCall(batch, updated))
              : s.write(batch -> s.repo.putCall(batch, updated));
          return written.map(x -> updated.view());
        }));
      });
    });
  }

  /**
   * The signatories of a local call, as anyone sees them; with the invitations sent when {@code who}
   * is an editor of the collective (who may also read them on a call not yet published). 404 when
   * the call is not public (or not a call).
   */
  public Future<CallSignatories> signatories(Optional<Principal> who, String collective, String publicationId) {
    boolean editor = who.map(p -> p.canPublishFor(collective)).orElse(false);
    return Future.<Void>succeededFuture().compose(v -> ownCall(collective, publicationId)).compose(call -> {
      if (!call.isPublic() && !editor) {
        return Future.failedFuture(NodeError.notFound("publication"));
      }
      return recordOf(call).map(r -> editor ? r.view() : r.view().publicView());
    });
  }

  /**
   * The signatories of any call this node knows by URI: a local call, or a remote one held here
   * (aggregated, or co-signed by a local collective). Empty when it knows none. Public view.
   */
  public Future<Optional<CallSignatories>> signatoriesOf(URI call) {
    if (call == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return s.findCall(call.toString()).map(found -> found.map(r -> r.view().publicView()));
  }

  /** {@link #signatoriesOf} for several calls at once (feeds, lists); calls without any are absent. */
  public Future<Map<String, CallSignatories>> signatoriesOfAll(List<String> calls) {
    List<String> asked = calls == null ? List.of() : calls.stream().limit(MAX_LISTED).toList();
    return s.storage.call(store -> {
      Map<String, CallSignatories> out = new LinkedHashMap<>();
      for (String call : asked) {
        s.repo.findCall(call).filter(r -> !r.signatories().isEmpty())
            .ifPresent(r -> out.put(call, r.view().publicView()));
      }
      return out;
    });
  }

  // --- The invited side

  /** Invitations received by the collective, newest first (members may read them). */
  public Future<List<CoSignInvitation>> incoming(Principal who, String collective) {
    return Future.<Void>succeededFuture().compose(v -> {
      who.requireDraftFor(collective);
      return s.storage.call(store -> s.repo.invitations(collective, MAX_LISTED).stream()
          .map(ReceivedInvitation::invitation).toList());
    });
  }

  /**
   * The editors accept: an {@code Accept} of the Invite goes to the author, and an {@code Announce}
   * of the call to the collective's followers, in one batch with the record. 404 unknown invitation,
   * 409 no longer pending.
   */
  public Future<CoSignInvitation> accept(Principal who, String collective, String invitationId) {
    return answer(who, collective, invitationId, true);
  }

  /** The editors decline: a {@code Reject} of the Invite goes to the author. 404, 409 as {@link #accept}. */
  public Future<CoSignInvitation> decline(Principal who, String collective, String invitationId) {
    return answer(who, collective, invitationId, false);
  }

  private Future<CoSignInvitation> answer(Principal who, String collective, String invitationId, boolean yes) {
    return Future.<Void>succeededFuture().compose(v -> {
      who.requirePublishFor(collective);
      String id = invitationId == null ? "" : invitationId;
      return s.storage.call(store -> s.repo.findInvitation(collective, id))
          .map(found -> found.orElseThrow(() -> NodeError.notFound("invitation")));
    }).compose(found -> s.serialized(found.invitation().call(), () -> s.storage
        .call(store -> s.repo.findInvitation(collective, found.invitation().id()).orElseThrow())
        .compose(current -> {
          CoSignInvitation inv = current.invitation();
          if (inv.state() != InvitationState.PENDING) {
            return Future.failedFuture(NodeError.conflict("this invitation was already answered or withdrawn"));
          }
          Instant now = s.now();
          JsonObject invite = CoSignActivities.invite(inv.inviteActivity(), inv.call(), current.collection(),
              s.uris.group(collective).toString()).put("actor", inv.inviter());
          String answerId = s.activityId();
          JsonObject answer = CoSignActivities.answer(answerId, yes ? "Accept" : "Reject", invite, inv.inviter());
          if (!yes) {
            CoSignInvitation declined = inv.withState(InvitationState.DECLINED, now);
            return s.publish(collective, List.of(answer),
                batch -> s.repo.putInvitation(batch, current.with(declined, answerId, null))).map(declined);
          }
          String announceId = s.activityId();
          JsonObject announce = CoSignActivities.announce(announceId, inv.call(),
              s.uris.followers(collective).toString(), inv.inviter());
          CoSignInvitation accepted = inv.withState(InvitationState.ACCEPTED, now);
          return s.findCall(inv.call()).compose(held -> s.localAuthor(collective, now).compose(self -> {
            CallRecord record = held.orElseGet(() -> new CallRecord(inv.call(), current.collection(), null,
                inv.callTitle(), inv.callUrl(), Signatory.federated(inv.inviter(), name(inv), inv.inviterHandle(),
                    inv.inviter(), inv.receivedAt(), null), List.of(), List.of(), now))
                .withSignatory(Signatory.federated(self.actor(), self.name(), self.handle(), self.url(), now, answerId), now);
            return s.publish(collective, List.of(answer, announce), batch -> {
              s.repo.putInvitation(batch, current.with(accepted, answerId, announceId));
              s.repo.putCall(batch, record);
            }).map(accepted);
          }));
        })));
  }

  /**
   * The editors withdraw the collective's signature of {@code call}: {@code Undo} of its Announce
   * (to its followers and the author) and {@code Remove} of itself from the signatories (to the
   * author) go out. 404 when it does not sign it.
   */
  public Future<CoSignInvitation> withdraw(Principal who, String collective, URI call) {
    return Future.<Void>succeededFuture().compose(v -> {
      who.requirePublishFor(collective);
      if (call == null) {
        throw NodeError.invalid("call", "required");
      }
      return s.serialized(call.toString(), () -> s.storage.call(store -> s.repo.findByCall(collective, call.toString()))
          .compose(found -> {
            ReceivedInvitation current = found.filter(r -> r.invitation().state() == InvitationState.ACCEPTED)
                .orElseThrow(() -> NodeError.notFound("signature"));
            CoSignInvitation inv = current.invitation();
            String self = s.uris.group(collective).toString();
            List<JsonObject> out = new ArrayList<>(s.undoOfAnnounce(collective, current));
            out.add(CoSignActivities.change("Remove", self, current.collection(), List.of(inv.inviter()), List.of()));
            Instant now = s.now();
            CoSignInvitation withdrawn = inv.withState(InvitationState.WITHDRAWN, now);
            return s.findCall(inv.call()).compose(held -> s.publish(collective, out, batch -> {
              s.repo.putInvitation(batch, current.with(withdrawn, current.accept(), current.announce()));
              held.ifPresent(r -> s.repo.putCall(batch, r.without(self, now)));
            })).map(withdrawn);
          }));
    });
  }

  /** The calls of other collectives the collective co-signs, newest signature first (public). */
  public Future<List<SignedCall>> signedBy(String collective) {
    return s.storage.call(store -> s.repo.invitations(collective, MAX_LISTED).stream()
        .map(ReceivedInvitation::invitation)
        .filter(i -> i.state() == InvitationState.ACCEPTED)
        .map(i -> new SignedCall(i.call(), i.callTitle(), i.callUrl(), i.inviter(), name(i), i.inviterHandle(),
            i.answeredAt()))
        .toList());
  }

  // --- Helpers

  private static String name(CoSignInvitation i) {
    return i.inviterName() != null ? i.inviterName() : i.inviterHandle() != null ? i.inviterHandle() : i.inviter();
  }

  /** The collective's call (any state but deleted); 404 otherwise. */
  private Future<Publication> ownCall(String collective, String publicationId) {
    if (publicationId == null || !publicationId.matches("[0-9a-z]{1,64}")) {
      return Future.failedFuture(NodeError.notFound("publication"));
    }
    return s.findPublication(new PublicationKey(collective, PublicationKind.CALL, publicationId))
        .map(found -> found.filter(p -> !p.isDeleted()).orElseThrow(() -> NodeError.notFound("publication")));
  }

  /** The collective's call, public and published (what may be co-signed); 404 / 422 otherwise. */
  private Future<Publication> publishedCall(String collective, String publicationId) {
    return ownCall(collective, publicationId).map(call -> {
      if (!call.isPublic()) {
        throw NodeError.invalid("call", "only a published public call can be co-signed");
      }
      return call;
    });
  }

  /** The call's record, or a new one with the author only. */
  private Future<CallRecord> recordOf(Publication call) {
    String callId = s.uris.object(call.key()).toString();
    return s.findCall(callId).compose(found -> found.map(Future::succeededFuture).orElseGet(() -> s
        .localAuthor(call.collective(), call.publishedAt() == null ? call.createdAt() : call.publishedAt())
        .map(author -> new CallRecord(callId, s.uris.signatories(call.key()).toString(), call.collective(),
            call.title(), callId, author, List.of(), List.of(), s.now()))));
  }

  private boolean isLocalHandle(String handle) {
    String h = handle.toLowerCase(Locale.ROOT);
    String authority = s.authority().toLowerCase(Locale.ROOT);
    return h.endsWith("@" + authority) || h.startsWith(s.fed.uris().base().toLowerCase(Locale.ROOT) + "/");
  }

  private static int statusOf(Throwable e) {
    if (e instanceof org.coordo.federation.FederationException f) {
      return f.status() >= 500 ? 502 : f.status() == 400 ? 422 : 404;
    }
    return 404;
  }
}
