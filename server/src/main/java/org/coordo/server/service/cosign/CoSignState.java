package org.coordo.server.service.cosign;

import io.vertx.core.Future;
import org.coordo.server.domain.cosign.CoSignInvitation;
import org.coordo.server.data.cosign.ReceivedInvitation;
import org.coordo.federation.vocab.As;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.coordo.federation.FederationContext;
import org.coordo.federation.KeyedSequencer;
import org.coordo.federation.RemoteActor;
import io.vertx.core.json.JsonObject;
import org.coordo.server.convert.PublicationUris;
import org.coordo.server.data.StoreCalls;
import org.coordo.server.data.cosign.CallRecord;
import org.coordo.server.data.cosign.CoSignRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;

/**
 * What the co-signing service and its inbox side share: the store, the federation port, and one
 * sequencer per call, so that every read-modify-write of a call's record (and of an invitation,
 * keyed by its call too) runs one at a time on this node.
 */
final class CoSignState {
  final StoreCalls storage;
  final CoSignRepository repo;
  final PublicationRepository publications;
  final FederationContext fed;
  final PublicationUris uris;
  final Function<String, Future<Optional<String>>> collectiveNames;
  final Clock clock;
  final Supplier<String> ids;
  final KeyedSequencer sequencer = new KeyedSequencer();

  CoSignState(StoreCalls storage, CoSignRepository repo, PublicationRepository publications, FederationContext fed,
      PublicationUris uris, Function<String, Future<Optional<String>>> collectiveNames, Clock clock,
      Supplier<String> ids) {
    this.storage = storage;
    this.repo = repo;
    this.publications = publications;
    this.fed = fed;
    this.uris = uris;
    this.collectiveNames = collectiveNames;
    this.clock = clock;
    this.ids = ids;
  }

  Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }

  /** A fresh activity id of this node. */
  String activityId() {
    return fed.uris().activity(ids.get()).toString();
  }

  /** This node's {@code host[:port]}, as handles write it. */
  String authority() {
    return URI.create(fed.uris().base()).getAuthority();
  }

  <T> Future<T> serialized(String call, Supplier<Future<T>> task) {
    return sequencer.run(call, task);
  }

  Future<Optional<CallRecord>> findCall(String call) {
    return storage.call(store -> repo.findCall(call));
  }

  Future<Optional<Publication>> findPublication(PublicationKey key) {
    return storage.call(store -> publications.find(key));
  }

  /** Writes in one batch, fsynced (records changed without an activity to send). */
  Future<Void> write(Consumer<KvBatch> changes) {
    return storage.call(store -> {
      try (KvBatch batch = store.newBatch()) {
        changes.accept(batch);
        store.write(batch, Durability.SYNC);
      }
      return null;
    });
  }

  /** Publishes the activities of a local actor with the records, in one batch. */
  /**
   * The {@code Undo} of the {@code Announce} of the call {@code signed} that {@code collective} sent when it signed
   * (none when it sent none), to the public, its followers and the call's author.
   */
  List<JsonObject> undoOfAnnounce(String collective, ReceivedInvitation signed) {
    if (signed.announce() == null) {
      return List.of();
    }
    CoSignInvitation inv = signed.invitation();
    String followers = uris.followers(collective).toString();
    JsonObject announce = CoSignActivities.announce(signed.announce(), inv.call(), followers, inv.inviter())
        .put("actor", uris.group(collective).toString());
    return List.of(CoSignActivities.undo(announce, List.of(As.PUBLIC), List.of(followers, inv.inviter())));
  }

  Future<Void> publish(String actor, List<JsonObject> activities, Consumer<KvBatch> records) {
    return fed.publishAll(actor, activities, records).mapEmpty();
  }

  /** A local collective as the author signatory of its call. */
  Future<Signatory> localAuthor(String collective, Instant signedAt) {
    return collectiveNames.apply(collective).map(name -> Signatory.federated(uris.group(collective).toString(),
        name.orElse(collective), collective + "@" + authority(), uris.group(collective).toString(), signedAt, null));
  }

  /** A remote actor as a signatory (name and profile from its document, plain text). */
  static Signatory remote(RemoteActor actor, Instant at, String activity) {
    JsonObject doc = actor.document();
    String name = CoSignActivities.cleanName(doc.getValue("name") instanceof String s ? s : null);
    String handle = CoSignActivities.handleOf(actor.preferredUsername(), actor.id().toString());
    String url = org.coordo.server.text.SafeUrls.http(org.coordo.federation.vocab.As.idOf(doc.getValue("url")))
        .orElse(actor.id().toString());
    return Signatory.federated(actor.id().toString(),
        name != null ? name : handle != null ? handle : actor.id().toString(), handle, url, at, activity);
  }
}
