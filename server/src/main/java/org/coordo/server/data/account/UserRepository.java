package org.coordo.server.data.account;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.coordo.server.domain.account.User;
import org.coordo.server.domain.account.UserNames;
import org.coordo.storage.Codecs;
import org.coordo.storage.Cursor;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Page;
import org.coordo.storage.Table;

/**
 * Users by id, and the unique username index (layouts in {@link AccountKeyspaces}). Synchronous:
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
          .put("created", JsonCodec.millis(u.created())),
      j -> new User(
          j.getString("id"),
          j.getString("username"),
          j.getString("displayName"),
          j.getString("passwordHash"),
          j.getBoolean("nodeAdmin", false),
          JsonCodec.instant(j, "created")));

  private final Table<String, User> users;
  private final Table<String, String> usernames;

  public UserRepository(KvStore store) {
    this.users = new Table<>(store.keyspace(AccountKeyspaces.USERS), Codecs.utf8(), CODEC);
    this.usernames = new Table<>(store.keyspace(AccountKeyspaces.USERNAMES), Codecs.utf8(), Codecs.utf8());
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

  /** Adds (or replaces) the user and its username index entry. */
  public void put(KvBatch batch, User user) {
    users.put(batch, user.id(), user);
    usernames.put(batch, user.username(), user.id());
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
