package org.coordo.server.data.account;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.coordo.server.domain.account.EmailAddresses;
import org.coordo.server.domain.account.User;
import org.coordo.server.domain.account.UserNames;
import org.coordo.storage.Codecs;
import org.coordo.storage.Cursor;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Page;
import org.coordo.storage.Table;

/**
 * Users by id, the unique username index and the unique address index (layouts in {@link AccountKeyspaces}). Synchronous:
 * call from a worker.
 */
public final class UserRepository {
  private static final JsonCodec<User> CODEC = new JsonCodec<>(
      u -> new JsonObject()
          .put("id", u.id())
          .put("username", u.username())
          .put("displayName", u.displayName())
          .put("passwordHash", u.passwordHash())
          .put("nodeAdmin", u.nodeAdmin())
          .put("created", JsonCodec.millis(u.created()))
          .put("email", u.email())
          .put("emailConfirmed", u.emailConfirmed())
          .put("lang", u.lang()),
      // Records written before accounts had an address load with none.
      j -> new User(
          j.getString("id"),
          j.getString("username"),
          j.getString("displayName"),
          j.getString("passwordHash"),
          j.getBoolean("nodeAdmin", false),
          JsonCodec.instant(j, "created"),
          j.getString("email"),
          j.getBoolean("emailConfirmed", false),
          j.getString("lang")));

  private final Table<String, User> users;
  private final Table<String, String> usernames;
  private final Table<String, String> emails;

  public UserRepository(KvStore store) {
    this.users = new Table<>(store.keyspace(AccountKeyspaces.USERS), Codecs.utf8(), CODEC);
    this.usernames = new Table<>(store.keyspace(AccountKeyspaces.USERNAMES), Codecs.utf8(), Codecs.utf8());
    this.emails = new Table<>(store.keyspace(AccountKeyspaces.EMAILS), Codecs.utf8(), Codecs.utf8());
  }

  public Optional<User> findById(String id) {
    return users.find(id);
  }

  public Optional<User> findByUsername(String username) {
    if (username == null) {
      return Optional.empty();
    }
    return usernames.find(UserNames.normalize(username)).flatMap(users::find);
  }

  public boolean usernameTaken(String username) {
    return username != null && usernames.contains(UserNames.normalize(username));
  }

  /** The account holding that address (any case), if any. */
  public Optional<User> findByEmail(String address) {
    return address == null ? Optional.empty()
        : emails.find(EmailAddresses.key(address)).flatMap(users::find).filter(u -> u.email() != null);
  }

  /** Whether another account than {@code userId} holds that address. */
  public boolean emailTakenByOther(String address, String userId) {
    return emails.find(EmailAddresses.key(address)).filter(id -> !id.equals(userId)).isPresent();
  }

  /**
   * Adds (or replaces) the user and its index entries. {@code previous} is the record it replaces
   * (null for a new account): an address it no longer holds leaves the address index.
   */
  public void put(KvBatch batch, User user, User previous) {
    users.put(batch, user.id(), user);
    usernames.put(batch, user.username(), user.id());
    if (previous != null && previous.email() != null
        && (user.email() == null || !EmailAddresses.key(previous.email()).equals(EmailAddresses.key(user.email())))) {
      emails.delete(batch, EmailAddresses.key(previous.email()));
    }
    if (user.email() != null) {
      emails.put(batch, EmailAddresses.key(user.email()), user.id());
    }
  }

  /** Adds (or replaces) a user whose address does not change. */
  public void put(KvBatch batch, User user) {
    put(batch, user, null);
  }

  /** Users in id (creation) order. */
  public Page<User> page(Cursor after, int limit) {
    return users.page(new byte[0], after, limit, false);
  }

  /** Every user with the node admin flag (small: a scan of all users). */
  public List<User> admins() {
    return users.scanPrefix(new byte[0], Integer.MAX_VALUE, false).stream()
        .map(Table.Entry::value)
        .filter(User::nodeAdmin)
        .toList();
  }
}
