package org.coordo.server.web;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.auth.Principal;
import org.coordo.server.domain.cosign.InvitationState;
import org.coordo.server.domain.cosign.Signatory;
import org.coordo.server.domain.cosign.SignedCall;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.error.ErrorResponses;
import org.coordo.server.service.cosign.CoSigning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What other pages show of co-signed calls (issue 17): the signatories on a public call's page, the
 * calls a collective co-signs on its page, the count of pending invitations in the members' space.
 * These are extras on pages that exist without them: when they cannot be read, the page is drawn
 * without them (and a server failure is logged), never refused.
 */
final class CoSignViews {
  private static final Logger LOG = LoggerFactory.getLogger(CoSignViews.class);
  /** The request's key for a collective's co-signed calls, between two steps of its page. */
  static final String COSIGNED = "coordo.cosigned";

  private final CoSigning cosigning;

  /** @param cosigning the service, or null on a node without it (then nothing is shown) */
  CoSignViews(CoSigning cosigning) {
    this.cosigning = cosigning;
  }

  /**
   * Who signs a call, for its public page: the author collective first, then every other
   * signatory; empty unless it is a published public call. Only the public view is read (never
   * the invitations, which are for the editors).
   */
  Future<List<Signatory>> ofCall(Publication call) {
    if (cosigning == null || call.kind() != PublicationKind.CALL || !call.isPublished() || !call.isPublic()) {
      return Future.succeededFuture(List.of());
    }
    return quietly(cosigning.signatories(Optional.empty(), call.collective(), call.id()).map(s -> {
      List<Signatory> all = new ArrayList<>();
      if (s.author() != null) {
        all.add(s.author());
      }
      all.addAll(s.publicView().signatories());
      return all;
    }), List.of(), "signatories of a call");
  }

  /** The calls of other collectives that {@code collective} co-signs (public). */
  Future<List<SignedCall>> signedBy(String collective) {
    if (cosigning == null) {
      return Future.succeededFuture(List.of());
    }
    return quietly(cosigning.signedBy(collective), List.of(), "co-signed calls");
  }

  /** The invitations waiting for an answer, by collective (only the collectives with some). */
  Future<Map<String, Integer>> pending(Principal who, List<String> collectives) {
    if (cosigning == null || collectives.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    Map<String, Integer> out = new HashMap<>();
    List<Future<Void>> all = new ArrayList<>();
    for (String name : collectives) {
      all.add(quietly(cosigning.incoming(who, name), List.<org.coordo.server.domain.cosign.CoSignInvitation>of(),
          "pending invitations").map(list -> {
            int n = (int) list.stream().filter(i -> i.state() == InvitationState.PENDING).count();
            if (n > 0) {
              synchronized (out) {
                out.put(name, n);
              }
            }
            return (Void) null;
          }));
    }
    return Future.all(all).map(done -> Map.copyOf(out));
  }

  private static <T> Future<T> quietly(Future<T> read, T none, String what) {
    return read.recover(e -> {
      int status = ErrorResponses.statusOf(e);
      if (status >= 500 && status != 501) {
        LOG.warn("could not read the {}: {}", what, e.toString());
      }
      return Future.succeededFuture(none);
    });
  }
}
