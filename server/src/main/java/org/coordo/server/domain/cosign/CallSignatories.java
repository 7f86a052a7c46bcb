package org.coordo.server.domain.cosign;

import java.util.List;
import java.util.Objects;

/**
 * Who signs a call: its author collective first, then the signatories in the order they signed
 * (fediverse actors), then the plain-text ones in the editors' order.
 *
 * @param call the call's URI
 * @param collection the URI of its {@code signatories} collection (on the call's node)
 * @param author the author collective, as a FEDERATED signatory (signedAt = the call's publication)
 * @param signatories the others, in order
 * @param invited the invitations sent (only on the author's node, for its editors; empty elsewhere
 *     and in public views)
 */
public record CallSignatories(
    String call, String collection, Signatory author, List<Signatory> signatories, List<SentInvitation> invited) {

  public CallSignatories {
    Objects.requireNonNull(call, "call");
    signatories = signatories == null ? List.of() : List.copyOf(signatories);
    invited = invited == null ? List.of() : List.copyOf(invited);
  }

  /** The same without the sent invitations (what anyone may see). */
  public CallSignatories publicView() {
    return new CallSignatories(call, collection, author, signatories, List.of());
  }

  public List<Signatory> federated() {
    return signatories.stream().filter(Signatory::isFederated).toList();
  }

  public List<Signatory> plainText() {
    return signatories.stream().filter(s -> !s.isFederated()).toList();
  }
}
