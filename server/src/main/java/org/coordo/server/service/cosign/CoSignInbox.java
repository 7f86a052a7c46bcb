package org.coordo.server.service.cosign;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.coordo.federation.FetchedJson;
import org.coordo.federation.Ownership;
import org.coordo.federation.Uris;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.vocab.As;
import org.coordo.server.data.cosign.CallRecord;
import org.coordo.server.data.cosign.ReceivedInvitation;
import org.coordo.server.domain.cosign.CoSignInvitation;
import org.coordo.server.domain.cosign.InvitationState;
import org.coordo.server.domain.cosign.SentInvitation;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.service.cosign.CoSignActivities.ChangeShape;
import org.coordo.server.service.cosign.CoSignActivities.InviteShape;
import org.coordo.server.text.SafeUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other nodes say about co-signed calls, after the inbox pipeline verified each activity's
 * signature and its actor (docs/FEDIVERSE-MAPPING.md, "Co-signed calls"). Each change is checked
 * against who may make it — the call's author for its collection, a signatory for its own entry —
 * and anything else is logged and changes nothing. Idempotent: a redelivery changes nothing more.
 */
public final class CoSignInbox {
  private static final Logger LOG = LoggerFactory.getLogger(CoSignInbox.class);
  /** Most pages of a remote signatories collection read on a refresh. */
  private static final int MAX_PAGES = 10;

  private final CoSignState s;
  private final CallUpdates updates;
  /** Invitations of one collective looked through for the one an author's {@code Remove} ends. */
  private static final int SCANNED_INVITATIONS = 500;
  /** Told the collective's name when a new invitation to co-sign is recorded (the editors' notices). */
  private volatile Function<String, Future<Void>> onInvited = collective -> Future.succeededFuture();

  CoSignInbox(CoSignState state, CallUpdates updates) {
    this.s = state;
    this.updates = updates;
  }

  /** Who is told of a new invitation: the collective's name (its failure changes nothing here). */
  public void onInvited(Function<String, Future<Void>> listener) {
    this.onInvited = listener == null ? collective -> Future.succeededFuture() : listener;
  }

  // --- The invited side

  /** An {@code Invite} to one of our collectives: recorded as pending in its members' space. */
  public Future<Void> onInvite(InboundActivity a) {
    Optional<InviteShape> shape = CoSignActivities.readInvite(a.activity(), a.actor());
    if (shape.isEmpty()) {
      LOG.info("Invite {} from {} ignored: not an invitation to co-sign a call of its own origin",
          a.activity().getString("id"), a.actor());
      return Future.succeededFuture();
    }
    InviteShape invite = shape.get();
    // The call is read at its origin: it must exist and name the inviter among its authors.
    return s.fed.fetchActivity(invite.call()).compose(fetched -> {
      JsonObject call = checkedDocument(fetched, invite.call());
      if (call == null || !Ownership.isNamedAuthor(call, invite.actor())) {
        LOG.info("Invite {} ignored: {} is not a call of {}", invite.id(), invite.call(), invite.actor());
        return Future.succeededFuture();
      }
      return s.fed.resolveActor(invite.actor()).compose(inviter -> {
        Signatory who = CoSignState.remote(inviter, s.now(), null);
        String title = CoSignActivities.cleanName(call.getValue("name") instanceof String n ? n : null);
        String url = SafeUrls.http(As.idOf(call.getValue("url"))).orElse(invite.call().toString());
        List<Future<Void>> each = new ArrayList<>();
        for (String collective : a.recipients()) {
          each.add(s.collectiveNames.apply(collective).compose(name -> name.isEmpty() ? Future.succeededFuture()
              : record(collective, invite, title, url, who, a.receivedAt())));
        }
        return Future.all(each).mapEmpty();
      });
    });
  }

  private Future<Void> record(String collective, InviteShape invite, String title, String url, Signatory inviter,
      Instant at) {
    String call = invite.call().toString();
    return s.serialized(call, () -> s.storage.call(store -> s.repo.findByCall(collective, call)).compose(found -> {
      if (found.isPresent() && (found.get().invitation().inviteActivity().equals(invite.id())
          || found.get().invitation().state() == InvitationState.PENDING
          || found.get().invitation().state() == InvitationState.ACCEPTED)) {
        return Future.succeededFuture(); // already known, waiting or signed
      }
      CoSignInvitation inv = new CoSignInvitation(s.ids.get(), collective, call, title, url, inviter.actor(),
          inviter.name(), inviter.handle(), invite.id(), InvitationState.PENDING, at, null);
      return s.write(batch -> s.repo.putInvitation(batch,
          new ReceivedInvitation(inv, invite.collection().toString(), null, null)))
          .onSuccess(v -> onInvited.apply(collective)); // a courtesy: its result is not awaited
    }));
  }

  // --- The author's side

  /**
   * An {@code Accept} or {@code Reject} of one of our Invites, from the very actor invited (anyone
   * else is refused): the signatory is added (and an {@code Add} sent) or the invitation declined.
   * An Accept or Reject of anything else (a follow) is not ours and is left alone.
   */
  public Future<Void> onAnswer(InboundActivity a, boolean accepted) {
    Optional<String> inviteId = CoSignActivities.answeredInvite(a.activity());
    if (inviteId.isEmpty() || !Uris.parse(inviteId.get()).map(s.fed.uris()::isLocal).orElse(false)) {
      return Future.succeededFuture();
    }
    return s.storage.call(store -> s.repo.findBySentInvite(inviteId.get())).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      return s.serialized(found.get().call(), () -> s.findCall(found.get().call()).compose(current -> {
        CallRecord record = current.orElseThrow();
        SentInvitation sent = record.invitationByActivity(inviteId.get()).orElse(null);
        if (sent == null || !sent.invited().equals(a.actor().toString())) {
          LOG.warn("{} {} refused: {} was not invited by {}", a.type(), a.activity().getString("id"), a.actor(),
              inviteId.get());
          return Future.succeededFuture();
        }
        if (sent.state() != InvitationState.PENDING) {
          return Future.succeededFuture(); // answered before, or cancelled
        }
        Instant now = s.now();
        if (!accepted) {
          CallRecord declined = record.withInvitation(sent.withState(InvitationState.DECLINED), now);
          return s.write(batch -> s.repo.putCall(batch, declined));
        }
        return s.fed.resolveActor(a.actor()).compose(actor -> {
          Signatory signatory = CoSignState.remote(actor, now, a.activity().getString("id"));
          CallRecord signed = record.withInvitation(sent.withState(InvitationState.ACCEPTED), now)
              .withSignatory(signatory, now);
          return updates.sendChange("Add", signed, signatory.actor(), batch -> s.repo.putCall(batch, signed));
        });
      }));
    });
  }

  /**
   * An {@code Undo}: of an Invite sent to one of our collectives, by its sender (the invitation is
   * withdrawn); or of a signatory's Accept (embedded) of one of our Invites, by that signatory (a
   * withdrawal, as {@code Remove} is). Anything else is not ours.
   */
  public Future<Void> onUndo(InboundActivity a) {
    String undone = a.objectId();
    if (undone == null) {
      return Future.succeededFuture();
    }
    JsonObject embedded = a.objectAsJson();
    if (embedded != null && "Accept".equals(As.typeOf(embedded))) {
      return onUndoAccept(a, embedded);
    }
    return s.storage.call(store -> s.repo.findByInvite(undone)).compose(invitations -> {
      List<Future<Void>> each = new ArrayList<>();
      for (ReceivedInvitation r : invitations) {
        CoSignInvitation inv = r.invitation();
        if (!inv.inviter().equals(a.actor().toString()) || inv.state() != InvitationState.PENDING) {
          continue;
        }
        each.add(s.serialized(inv.call(), () -> s.write(batch -> s.repo.putInvitation(batch,
            r.with(inv.withState(InvitationState.WITHDRAWN, s.now()), r.accept(), r.announce())))));
      }
      return Future.all(each).mapEmpty();
    });
  }

  /** A signatory's {@code Undo} of its own (embedded) Accept of one of our Invites: a withdrawal. */
  private Future<Void> onUndoAccept(InboundActivity a, JsonObject accept) {
    Optional<String> inviteId = CoSignActivities.answeredInvite(accept);
    if (inviteId.isEmpty() || !a.actor().toString().equals(As.idOf(accept.getValue("actor")))) {
      return Future.succeededFuture();
    }
    return s.storage.call(store -> s.repo.findBySentInvite(inviteId.get())).compose(found -> {
      String actor = a.actor().toString();
      boolean invitedSignatory = found.isPresent() && found.get().signatory(actor).isPresent()
          && found.get().invitationByActivity(inviteId.get()).filter(i -> i.invited().equals(actor)).isPresent();
      return invitedSignatory ? withdrawn(found.get().call(), actor) : Future.succeededFuture();
    });
  }

  /**
   * {@code Add} / {@code Remove} about a signatories collection. Ours (a local call): only a
   * signatory removing itself is applied ({@code Remove}, object = actor), which is its withdrawal;
   * an {@code Add} to our collection is refused (only an Accept adds). A remote call's: applied only
   * when sent by the call's author, on the collection's origin, for a call this node holds; the
   * collection is then read again at its origin.
   */
  public Future<Void> onChange(InboundActivity a) {
    Optional<ChangeShape> shape = CoSignActivities.readChange(a.activity(), a.actor());
    if (shape.isEmpty()) {
      return Future.succeededFuture();
    }
    ChangeShape change = shape.get();
    if ("Remove".equals(a.type()) && !CoSignActivities.selfRemoval(change)) {
      Optional<String> ours = s.fed.uris().localActorName(change.object());
      if (ours.isPresent()) {
        return removedByAuthor(ours.get(), change).compose(v -> recordChange(a, change));
      }
    }
    return recordChange(a, change);
  }

  private Future<Void> recordChange(InboundActivity a, ChangeShape change) {
    String collection = change.target().toString();
    return s.storage.call(store -> s.repo.findByCollection(collection)).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(); // not a collection we know (featured posts, another server's)
      }
      CallRecord record = found.get();
      if (record.isLocal()) {
        if (!"Remove".equals(a.type()) || !CoSignActivities.selfRemoval(change)) {
          LOG.warn("{} {} by {} refused: only a signatory removes itself from {}", a.type(),
              a.activity().getString("id"), a.actor(), collection);
          return Future.succeededFuture();
        }
        return withdrawn(record.call(), change.actor().toString());
      }
      if (!CoSignActivities.fromCollectionOwner(change, record.author() == null ? null : record.author().actor())) {
        LOG.warn("{} {} by {} refused: {} belongs to {}", a.type(), a.activity().getString("id"), a.actor(),
            collection, record.author() == null ? "?" : record.author().actor());
        return Future.succeededFuture();
      }
      return refresh(record.call());
    });
  }

  /** A signatory of one of our calls withdraws: removed, and a {@code Remove} sent to everyone. */
  private Future<Void> withdrawn(String call, String actor) {
    return updates.removeSignatory(call, actor).mapEmpty();
  }

  /**
   * The author of a call one of our collectives signed removed it from the signatories ({@code Remove} of our
   * collective from the call's collection, by the collection's owner): the signature ends here too — the
   * collective's members' space shows it withdrawn, it leaves the collective's co-signed calls, and its
   * {@code Announce} of the call is undone.
   */
  private Future<Void> removedByAuthor(String collective, ChangeShape change) {
    return s.storage.call(store -> s.repo.invitations(collective, SCANNED_INVITATIONS)).compose(all -> {
      Optional<ReceivedInvitation> signed = all.stream()
          .filter(r -> r.collection().equals(change.target().toString())
              && r.invitation().inviter().equals(change.actor().toString())
              && Ownership.sameOrigin(change.target(), change.actor())
              && r.invitation().state() == InvitationState.ACCEPTED)
          .findFirst();
      if (signed.isEmpty()) {
        return Future.succeededFuture();
      }
      ReceivedInvitation current = signed.get();
      return s.serialized(current.invitation().call(), () -> {
        CoSignInvitation removed = current.invitation().withState(InvitationState.WITHDRAWN, s.now());
        List<JsonObject> undo = s.undoOfAnnounce(collective, current);
        java.util.function.Consumer<org.coordo.storage.KvBatch> record = batch -> s.repo.putInvitation(batch,
            current.with(removed, current.accept(), current.announce()));
        LOG.info("{} removed {} from the signatories of {}", change.actor(), collective, current.invitation().call());
        return undo.isEmpty() ? s.write(record) : s.publish(collective, undo, record);
      });
    });
  }

  /**
   * A {@code Create} or {@code Update} of a call carrying a {@code signatories} collection of its own
   * origin, by one of its authors, that this node holds (it follows the author, or one of its
   * collectives was invited): its signatories are recorded, from the embedded collection when given,
   * else read at the origin on an Update.
   */
  public Future<Void> onCallObject(InboundActivity a) {
    JsonObject object = a.objectAsJson();
    if (object == null || object.getValue("signatories") == null) {
      return Future.succeededFuture();
    }
    String call = object.getString("id");
    String collection = As.idOf(object.getValue("signatories"));
    if (call == null || collection == null || !Ownership.sameOrigin(call, a.actor())
        || !Ownership.sameOrigin(collection, a.actor()) || !Ownership.isNamedAuthor(object, a.actor())
        || s.fed.uris().isLocal(a.actor())) {
      return Future.succeededFuture();
    }
    return s.findCall(call).compose(found -> {
      if (found.isPresent() && found.get().isLocal()) {
        return Future.succeededFuture();
      }
      Future<Boolean> holds = found.isPresent() ? Future.succeededFuture(true) : s.fed.isFollowedLocally(a.actor());
      return holds.compose(yes -> !yes ? Future.succeededFuture() : s.fed.resolveActor(a.actor()).compose(author -> {
        Instant now = s.now();
        String title = CoSignActivities.cleanName(object.getValue("name") instanceof String n ? n : null);
        String url = SafeUrls.http(As.idOf(object.getValue("url"))).orElse(call);
        Signatory by = CoSignState.remote(author, now, null);
        Object embedded = object.getValue("signatories");
        return s.serialized(call, () -> s.findCall(call).compose(current -> {
          CallRecord record = current.orElseGet(() -> new CallRecord(call, collection, null, title, url, by, List.of(),
              List.of(), now)).withTitle(title, url);
          if (embedded instanceof JsonObject inline && inline.getValue("orderedItems") instanceof io.vertx.core.json.JsonArray items) {
            return s.write(batch -> s.repo.putCall(batch, replaced(record, CoSignActivities.readItems(items.getList(), now), now)));
          }
          Future<Void> stored = s.write(batch -> s.repo.putCall(batch, record));
          return "Update".equals(a.type()) ? stored.compose(v -> refreshLocked(call)) : stored;
        }));
      }));
    });
  }

  /**
   * A group's {@code Announce} of its own embedded {@code Create} / {@code Update} (FEP-1b12, how a
   * Coordo group reaches group-aware servers): read as that activity.
   */
  public Future<Void> onAnnounce(InboundActivity a) {
    if (!(a.activity().getValue("object") instanceof JsonObject inner)) {
      return Future.succeededFuture();
    }
    String type = As.typeOf(inner);
    if (!("Create".equals(type) || "Update".equals(type)) || !a.actor().toString().equals(As.idOf(inner.getValue("actor")))) {
      return Future.succeededFuture();
    }
    return onCallObject(new InboundActivity(inner, type, a.actor(), a.recipients(), a.receivedAt()));
  }

  /** Reads a remote call's signatories collection again at its origin and records it. */
  public Future<Void> refresh(String call) {
    return s.serialized(call, () -> refreshLocked(call));
  }

  private Future<Void> refreshLocked(String call) {
    return s.findCall(call).compose(found -> {
      if (found.isEmpty() || found.get().isLocal()) {
        return Future.succeededFuture();
      }
      CallRecord record = found.get();
      URI collection = URI.create(record.collection());
      return s.fed.fetchActivity(collection).compose(fetched -> {
        JsonObject doc = checkedDocument(fetched, collection);
        if (doc == null) {
          return Future.succeededFuture();
        }
        List<Object> items = new ArrayList<>(As.oneOrMany(doc, "orderedItems"));
        Object first = doc.getValue("first");
        if (first instanceof JsonObject page) {
          items.addAll(As.oneOrMany(page, "orderedItems"));
          return pages(collection, As.idOf(page.getValue("next")), items, 1);
        }
        return pages(collection, first instanceof String f ? f : null, items, 0);
      }).compose(items -> s.write(batch -> s.repo.putCall(batch,
          replaced(record, CoSignActivities.readItems(items, s.now()), s.now()))));
    }).recover(e -> {
      LOG.info("signatories of {} could not be read again: {}", call, e.toString());
      return Future.succeededFuture();
    });
  }

  private Future<List<Object>> pages(URI collection, String next, List<Object> items, int read) {
    if (next == null || read >= MAX_PAGES || items.size() >= CoSignActivities.MAX_REMOTE_ITEMS) {
      return Future.succeededFuture(items);
    }
    Optional<URI> url = Uris.parseHttp(next).filter(u -> Ownership.sameOrigin(u, collection));
    if (url.isEmpty()) {
      return Future.succeededFuture(items);
    }
    return s.fed.fetchActivity(url.get()).compose(fetched -> {
      JsonObject page = fetched.json();
      if (!Ownership.sameOrigin(fetched.finalUrl(), collection)) {
        return Future.succeededFuture(items);
      }
      items.addAll(As.oneOrMany(page, "orderedItems"));
      return pages(collection, As.idOf(page.getValue("next")), items, read + 1);
    });
  }

  private static CallRecord replaced(CallRecord record, List<Signatory> all, Instant now) {
    return record.withFederated(all.stream().filter(Signatory::isFederated).toList(), now)
        .withText(all.stream().filter(x -> !x.isFederated()).toList(), now);
  }

  /** The fetched document when it is the one asked for, at its origin; null otherwise. */
  private static JsonObject checkedDocument(FetchedJson fetched, URI asked) {
    JsonObject doc = fetched.json();
    if (doc == null || !asked.toString().equals(doc.getValue("id")) || !Ownership.sameOrigin(fetched.finalUrl(), asked)) {
      return null;
    }
    return doc;
  }
}
