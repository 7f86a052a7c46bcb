package org.coordo.server.service.cosign;

import io.vertx.core.Future;
import org.coordo.server.domain.cosign.SentInvitation;
import org.coordo.server.domain.cosign.InvitationState;
import java.util.Optional;
import java.time.Instant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.coordo.federation.vocab.As;
import org.coordo.server.convert.PublicationAsConverter;
import org.coordo.server.convert.SignatoriesAsConverter;
import org.coordo.server.data.cosign.CallRecord;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.publication.Publication;
import org.coordo.storage.KvBatch;

/**
 * The author's messages about its call's signatories: {@code Add}/{@code Remove} of a fediverse
 * signatory, and an {@code Update} of the call (its signatories embedded) when the plain-text ones
 * change; each to the public, the collective's followers and every fediverse signatory.
 */
final class CallUpdates {
  private final CoSignState s;
  private final PublicationAsConverter as;

  CallUpdates(CoSignState state, PublicationAsConverter as) {
    this.s = state;
    this.as = as;
  }

  Future<Void> sendUpdate(Publication call, CallRecord record, Consumer<KvBatch> records) {
    JsonObject object = SignatoriesAsConverter.withSignatories(as.toObject(call), record.view());
    object.put("updated", org.coordo.federation.vocab.XsdDateTime.format(s.now()));
    JsonObject update = new JsonObject().put("type", "Update").put("object", object)
        .put("to", new JsonArray().add(As.PUBLIC)).put("cc", new JsonArray(new ArrayList<>(cc(record, null))));
    return s.publish(call.collective(), List.of(update), records);
  }

  /** {@code Add} (or {@code Remove}) of {@code signatory} to the call's collection, with the records. */
  Future<Void> sendChange(String type, CallRecord record, String signatory, Consumer<KvBatch> records) {
    JsonObject change = CoSignActivities.change(type, signatory, record.collection(), List.of(As.PUBLIC),
        cc(record, signatory));
    return s.publish(record.collective(), List.of(change), records);
  }

  /**
   * {@code actor} is no longer a signatory of our call {@code call} (it withdrew, or the author's editors removed
   * it): removed, its invitation marked withdrawn, and a {@code Remove} sent to the public, the followers, the
   * other signatories and the actor itself. False when it was not a signatory.
   */
  Future<Boolean> removeSignatory(String call, String actor) {
    return s.serialized(call, () -> s.findCall(call).compose(current -> {
      if (current.isEmpty() || current.get().signatory(actor).isEmpty()) {
        return Future.succeededFuture(false); // no co-signing record yet, or not among its signatories
      }
      CallRecord record = current.get();
      Instant now = s.now();
      CallRecord updated = record.without(actor, now);
      Optional<SentInvitation> sent = updated.invitation(actor);
      CallRecord withState = sent.map(i -> updated.withInvitation(i.withState(InvitationState.WITHDRAWN), now))
          .orElse(updated);
      return sendChange("Remove", withState, actor, batch -> s.repo.putCall(batch, withState)).map(true);
    }));
  }

  private List<String> cc(CallRecord record, String also) {
    List<String> cc = new ArrayList<>();
    cc.add(s.uris.followers(record.collective()).toString());
    record.signatories().stream().filter(Signatory::isFederated).map(Signatory::actor).forEach(cc::add);
    if (also != null && !cc.contains(also)) {
      cc.add(also);
    }
    return cc;
  }
}
