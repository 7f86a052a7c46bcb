package org.coordo.server.fedimpl;

import java.util.function.BiConsumer;
import org.coordo.federation.spi.InboxListener;
import org.coordo.server.service.cosign.CoSignInbox;

/**
 * The inbox listeners of co-signed calls (issue 17; docs/FEDIVERSE-MAPPING.md, "Co-signed calls"):
 *
 * <ul>
 *   <li>{@code Invite} to one of our collectives → a pending invitation in its members' space;
 *   <li>{@code Accept} / {@code Reject} of one of our Invites by the invited actor → signatory added
 *       (and {@code Add} sent) / invitation declined;
 *   <li>{@code Undo} of an Invite by its sender → invitation withdrawn;
 *   <li>{@code Add} / {@code Remove} about a signatories collection → a signatory withdrawing itself
 *       from ours, or the author's change of a remote call's collection (read again at its origin);
 *   <li>{@code Create} / {@code Update} of a remote call with a {@code signatories} collection (bare, or
 *       wrapped in its author's FEP-1b12 {@code Announce}) → recorded.
 * </ul>
 *
 * The service checks who may say what; every activity already passed the signed inbox pipeline.
 */
public final class CoSignInboxListeners {
  private final CoSignInbox inbox;

  public CoSignInboxListeners(CoSignInbox inbox) {
    this.inbox = inbox;
  }

  public void register(BiConsumer<String, InboxListener> on) {
    on.accept("Invite", inbox::onInvite);
    on.accept("Accept", a -> inbox.onAnswer(a, true));
    on.accept("Reject", a -> inbox.onAnswer(a, false));
    on.accept("Undo", inbox::onUndo);
    on.accept("Add", inbox::onChange);
    on.accept("Remove", inbox::onChange);
    on.accept("Create", inbox::onCallObject);
    on.accept("Update", inbox::onCallObject);
    on.accept("Announce", inbox::onAnnounce);
  }
}
