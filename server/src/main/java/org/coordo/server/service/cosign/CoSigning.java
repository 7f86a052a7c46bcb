package org.coordo.server.service.cosign;

import io.vertx.core.Future;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.CoSignInvitation;
import org.coordo.server.domain.cosign.SentInvitation;
import org.coordo.server.domain.cosign.SignedCall;
import org.coordo.server.domain.cosign.TextSignatory;
import org.coordo.server.error.NodeError;

/**
 * Calls co-signed across nodes (issue 17; protocol in docs/FEDIVERSE-MAPPING.md, "Co-signed calls").
 * Every write is for the editors of the collective concerned (403 otherwise); every read of
 * signatories is public for a public call.
 */
public final class CoSigning {

  // --- The author's side

  /**
   * The collective's editors invite another collective ({@code @name@host}, {@code name@host} or an
   * actor URL, resolved by WebFinger) to co-sign its call {@code publicationId}: an {@code Invite}
   * is sent to it. 400 malformed handle or not a Group, 404 unknown call or actor, 409 already
   * invited or signing, 422 the collective itself or a call that is not public and published.
   */
  public Future<SentInvitation> invite(Principal who, String collective, String publicationId, String handle) {
    return notYet();
  }

  /** The editors cancel an invitation still pending (the invited node is told with an Undo of the Invite). */
  public Future<SentInvitation> cancelInvitation(Principal who, String collective, String publicationId,
      String invitedActor) {
    return notYet();
  }

  /**
   * The editors replace the call's plain-text signatories (names not on the fediverse), in order.
   * 422 with field messages for a blank or too long name, a URL that is not http(s), or more than
   * {@link TextSignatory#MAX_COUNT}.
   */
  public Future<CallSignatories> setTextSignatories(Principal who, String collective, String publicationId,
      List<TextSignatory> typed) {
    return notYet();
  }

  /**
   * The signatories of a local call, as anyone sees them; with the invitations sent when {@code who}
   * is an editor of the collective. 404 when the call is not public (or not a call).
   */
  public Future<CallSignatories> signatories(Optional<Principal> who, String collective, String publicationId) {
    return notYet();
  }

  /**
   * The signatories of any call this node knows by URI: a local call, or a remote one held here
   * (aggregated, or co-signed by a local collective). Empty when it knows none.
   */
  public Future<Optional<CallSignatories>> signatoriesOf(URI call) {
    return notYet();
  }

  /** {@link #signatoriesOf} for several calls at once (feeds, lists); calls without any are absent. */
  public Future<Map<String, CallSignatories>> signatoriesOfAll(List<String> calls) {
    return notYet();
  }

  // --- The invited side

  /** Invitations received by the collective, pending first, then answered ones (members may read). */
  public Future<List<CoSignInvitation>> incoming(Principal who, String collective) {
    return notYet();
  }

  /**
   * The editors accept: an {@code Accept} of the Invite goes to the author, and an {@code Announce}
   * of the call to the collective's followers. 404 unknown invitation, 409 no longer pending.
   */
  public Future<CoSignInvitation> accept(Principal who, String collective, String invitationId) {
    return notYet();
  }

  /** The editors decline: a {@code Reject} of the Invite goes to the author. 404, 409 as {@link #accept}. */
  public Future<CoSignInvitation> decline(Principal who, String collective, String invitationId) {
    return notYet();
  }

  /**
   * The editors withdraw the collective's signature of {@code call}: {@code Undo} of its Announce and
   * {@code Remove} of itself from the signatories go out. 404 when it does not sign it.
   */
  public Future<CoSignInvitation> withdraw(Principal who, String collective, URI call) {
    return notYet();
  }

  /** The calls of other collectives the collective co-signs, newest signature first (public). */
  public Future<List<SignedCall>> signedBy(String collective) {
    return notYet();
  }

  private static <T> Future<T> notYet() {
    return Future.failedFuture(NodeError.of(501, "not implemented yet"));
  }
}
