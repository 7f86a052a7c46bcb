package org.coordo.server.data.cosign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.coordo.server.domain.cosign.CallSignatories;
import org.coordo.server.domain.cosign.SentInvitation;
import org.coordo.server.domain.cosign.Signatory;

/**
 * What this node keeps about one call's signatories.
 *
 * @param call the call's URI
 * @param collection its {@code signatories} collection's URI
 * @param collective the local author collective's name (a local call), null for a remote call
 * @param title the call's {@code name} (plain text), may be null
 * @param url the call's page, may be null
 * @param author the author collective as a signatory (name, handle, profile)
 * @param signatories in order: fediverse signatories, then plain-text ones
 * @param invited invitations sent (local calls only)
 * @param updatedAt last change
 */
public record CallRecord(String call, String collection, String collective, String title, String url,
    Signatory author, List<Signatory> signatories, List<SentInvitation> invited, Instant updatedAt) {

  public CallRecord {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(collection, "collection");
    signatories = signatories == null ? List.of() : List.copyOf(signatories);
    invited = invited == null ? List.of() : List.copyOf(invited);
  }

  public boolean isLocal() {
    return collective != null;
  }

  public CallSignatories view() {
    return new CallSignatories(call, collection, author, signatories, invited);
  }

  public Optional<Signatory> signatory(String actor) {
    return signatories.stream().filter(s -> s.isFederated() && s.actor().equals(actor)).findFirst();
  }

  public Optional<SentInvitation> invitation(String actor) {
    return invited.stream().filter(i -> i.invited().equals(actor)).findFirst();
  }

  public Optional<SentInvitation> invitationByActivity(String inviteActivity) {
    return invited.stream().filter(i -> i.inviteActivity().equals(inviteActivity)).findFirst();
  }

  /** The same with the federated signatories replaced (plain-text ones kept after them). */
  public CallRecord withFederated(List<Signatory> federated, Instant at) {
    List<Signatory> all = new ArrayList<>(federated);
    signatories.stream().filter(s -> !s.isFederated()).forEach(all::add);
    return new CallRecord(call, collection, collective, title, url, author, all, invited, at);
  }

  /** The same with the plain-text signatories replaced. */
  public CallRecord withText(List<Signatory> text, Instant at) {
    List<Signatory> all = new ArrayList<>(signatories.stream().filter(Signatory::isFederated).toList());
    all.addAll(text);
    return new CallRecord(call, collection, collective, title, url, author, all, invited, at);
  }

  public CallRecord withSignatory(Signatory s, Instant at) {
    List<Signatory> federated = new ArrayList<>(signatories.stream()
        .filter(x -> x.isFederated() && !x.actor().equals(s.actor())).toList());
    federated.add(s);
    return withFederated(federated, at);
  }

  public CallRecord without(String actor, Instant at) {
    Predicate<Signatory> other = x -> !(x.isFederated() && x.actor().equals(actor));
    return withFederated(signatories.stream().filter(Signatory::isFederated).filter(other).toList(), at);
  }

  public CallRecord withInvitation(SentInvitation i, Instant at) {
    List<SentInvitation> all = new ArrayList<>(invited.stream().filter(x -> !x.invited().equals(i.invited())).toList());
    all.add(i);
    return new CallRecord(call, collection, collective, title, url, author, signatories, all, at);
  }

  public CallRecord withTitle(String newTitle, String newUrl) {
    return new CallRecord(call, collection, collective, newTitle, newUrl, author, signatories, invited, updatedAt);
  }
}
