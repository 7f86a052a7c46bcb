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
 */
public record User(
    String id, String username, String displayName, String passwordHash, boolean nodeAdmin, Instant created) {

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(created, "created");
  }

  public User withPasswordHash(String hash) {
    return new User(id, username, displayName, hash, nodeAdmin, created);
  }

  public User withNodeAdmin(boolean admin) {
    return new User(id, username, displayName, passwordHash, admin, created);
  }
}
