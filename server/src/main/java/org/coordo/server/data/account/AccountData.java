package org.coordo.server.data.account;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;

/**
 * The account repositories over one store, and the one way to change them: {@link #write}, one
 * atomic batch per change. Callers that check-then-write (uniqueness, single-use invitations) do so
 * inside {@link #locked}, which serialises account changes within the process (the store itself is
 * owned by one process).
 */
public final class AccountData {
  private final KvStore store;
  private final Object lock = new Object();
  private final UserRepository users;
  private final CollectiveRepository collectives;
  private final MembershipRepository memberships;
  private final CredentialRepository credentials;
  private final InvitationRepository invitations;
  private final org.coordo.server.data.group.GroupData groups;
  private final MailTokenRepository mailTokens;
  private final NoticeRepository notices;

  public AccountData(KvStore store) {
    this.store = store;
    this.users = new UserRepository(store);
    this.collectives = new CollectiveRepository(store);
    this.memberships = new MembershipRepository(store);
    this.credentials = new CredentialRepository(store);
    this.invitations = new InvitationRepository(store);
    this.groups = new org.coordo.server.data.group.GroupData(store);
    this.mailTokens = new MailTokenRepository(store);
    this.notices = new NoticeRepository(store);
  }

  public UserRepository users() {
    return users;
  }

  public CollectiveRepository collectives() {
    return collectives;
  }

  public MembershipRepository memberships() {
    return memberships;
  }

  public CredentialRepository credentials() {
    return credentials;
  }

  public InvitationRepository invitations() {
    return invitations;
  }

  /**
   * Whether a public working group holds this actor name (users, collectives and public working groups
   * share the actor name space): such an actor is never adopted by a new collective.
   */
  public boolean workingGroupActor(String name) {
    return groups.publicGroups().stream().anyMatch(g -> name.equals(g.actorName()));
  }

  public MailTokenRepository mailTokens() {
    return mailTokens;
  }

  public NoticeRepository notices() {
    return notices;
  }

  /** Applies the changes the body adds to a batch, atomically (fsynced: accounts are precious). */
  public void write(Consumer<KvBatch> body) {
    try (KvBatch batch = store.newBatch()) {
      body.accept(batch);
      if (batch.size() > 0) {
        store.write(batch, Durability.SYNC);
      }
    }
  }

  /** Runs a read-check-write sequence without another account change interleaving. */
  public <T> T locked(Supplier<T> body) {
    synchronized (lock) {
      return body.get();
    }
  }
}
