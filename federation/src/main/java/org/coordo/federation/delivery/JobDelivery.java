package org.coordo.federation.delivery;

import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.coordo.federation.host.SoftwareFamily;
import org.coordo.federation.host.SoftwareLookup;
import org.coordo.federation.sig.SignatureKnock;

/**
 * Sends one delivery job: picks the activities meant for the inbox's server (its software family, looked up only
 * when the job's activities are not all for everyone), then POSTs them in order, each signed by the {@link
 * SignatureKnock} (RFC 9421 first, draft-cavage on a refusal, whatever the host is known to verify).
 *
 * <p>Outcome, as one {@link DeliverySender.Attempt}: the first retryable failure stops the job (it is retried whole
 * later: what was already delivered is sent again, and receivers drop it by activity id); otherwise a success if any
 * activity was accepted, else the last final refusal.
 */
final class JobDelivery {
  private final DeliveryPayloads payloads;
  private final SoftwareLookup software;
  private final SignatureKnock knock;
  private final DeliverySender sender;

  JobDelivery(DeliveryPayloads payloads, SoftwareLookup software, SignatureKnock knock, DeliverySender sender) {
    this.payloads = payloads;
    this.software = software;
    this.knock = knock;
    this.sender = sender;
  }

  /** What was sent: the outcome and how many activities went out. */
  record Result(DeliverySender.Attempt attempt, int activities) {}

  Future<Result> send(DeliveryJob job, InetAddress address, SignatureKnock.Signing signing) {
    Future<SoftwareFamily> family = job.sameForEveryone()
        ? Future.succeededFuture(SoftwareFamily.OTHER) : software.familyOf(job.inbox());
    return family.compose(f -> {
      List<URI> ids = job.activitiesFor(f);
      if (ids.isEmpty()) {
        return Future.succeededFuture(new Result(DeliverySender.Attempt.of(204), 0));
      }
      return payloads.prepare(job.actorName(), ids)
          .compose(prepared -> sendFrom(job.inbox(), address, prepared, 0, null, false, signing));
    });
  }

  private Future<Result> sendFrom(URI inbox, InetAddress address, DeliveryPayloads.Prepared prepared, int index,
      DeliverySender.Attempt last, boolean anyAccepted, SignatureKnock.Signing signing) {
    List<DeliveryPayloads.Body> bodies = prepared.bodies();
    if (index == bodies.size()) {
      DeliverySender.Attempt outcome = anyAccepted && !last.succeeded() ? DeliverySender.Attempt.of(202) : last;
      return Future.succeededFuture(new Result(outcome, bodies.size()));
    }
    byte[] body = bodies.get(index).bytes();
    SignatureKnock.Request request = new SignatureKnock.Request("POST", inbox, body, sender.sentHeaders());
    return knock.send(request, prepared.key(), signing, headers -> sender.post(inbox, address, body, headers),
            a -> new SignatureKnock.Answer(a.status(), a.acceptSignature()))
        .compose(attempt -> {
          if (!attempt.succeeded() && !attempt.isFinal()) {
            return Future.succeededFuture(new Result(attempt, index + 1));
          }
          return sendFrom(inbox, address, prepared, index + 1, attempt, anyAccepted || attempt.succeeded(), signing);
        });
  }
}
