package org.coordo.server.domain.account;

import java.time.Instant;
import java.util.Objects;

/**
 * A person with an account on this node. The username is also the name of the account's {@code
 * Person} actor (so members can sign publications), hence unique among users and collectives.
 *
 * @param id stable, time-sortable id
 * @param username the handle part, validated like {@code Uris.isValidActorName}; never changes
 * @param passwordHash PHC string {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}
 * @param nodeAdmin administers the node
 * @param email the person's mail address ({@link EmailAddresses#normalize normalised}), or null; private:
 *     shown to the person and to the node's admins only, never federated
 * @param emailConfirmed whether a link sent to {@code email} was followed (only a confirmed address
 *     receives a password reset)
 * @param lang the language of the mail the node sends this person ({@code fr}, {@code en}), or null
 *     for the default
 */
public record User(
    String id, String username, String displayName, String passwordHash, boolean nodeAdmin, Instant created,
    String email, boolean emailConfirmed, String lang) {

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(created, "created");
    emailConfirmed = emailConfirmed && email != null;
  }

  /** An account without a mail address. */
  public User(String id, String username, String displayName, String passwordHash, boolean nodeAdmin, Instant created) {
    this(id, username, displayName, passwordHash, nodeAdmin, created, null, false, null);
  }

  public User withPasswordHash(String hash) {
    return new User(id, username, displayName, hash, nodeAdmin, created, email, emailConfirmed, lang);
  }

  public User withNodeAdmin(boolean admin) {
    return new User(id, username, displayName, passwordHash, admin, created, email, emailConfirmed, lang);
  }

  /** This account with another address (null removes it), confirmed or not, and the language of its mail. */
  public User withEmail(String address, boolean confirmed, String language) {
    return new User(id, username, displayName, passwordHash, nodeAdmin, created, address, confirmed, language);
  }

  /** Whether mail may be sent to this account (an address whose confirmation link was followed). */
  public boolean hasConfirmedEmail() {
    return email != null && emailConfirmed;
  }
}
