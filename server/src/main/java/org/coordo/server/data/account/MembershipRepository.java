package org.coordo.server.data.account;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.account.Membership;
import org.coordo.storage.Codec;
import org.coordo.storage.Codecs;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Table;

/**
 * Memberships, indexed both ways (layouts in {@link AccountKeyspaces}): by collective for member
 * lists, by user for the roles of a principal. Both entries are always written in one batch.
 */
public final class MembershipRepository {
  private static final JsonCodec<Membership> CODEC = new JsonCodec<>(
      m -> new JsonObject()
          .put("collective", m.collective())
          .put("userId", m.userId())
          .put("username", m.username())
          .put("role", m.role().id())
          .put("since", JsonCodec.millis(m.since())),
      j -> new Membership(
          j.getString("collective"),
          j.getString("userId"),
          j.getString("username"),
          Role.parse(j.getString("role")).orElseThrow(),
          JsonCodec.instant(j, "since")));

  private final Table<byte[], Membership> members;
  private final Table<byte[], String> memberOf;

  public MembershipRepository(KvStore store) {
    Codec<byte[]> raw = Codecs.bytes();
    this.members = new Table<>(store.keyspace(AccountKeyspaces.MEMBERS), raw, CODEC);
    this.memberOf = new Table<>(store.keyspace(AccountKeyspaces.MEMBER_OF), raw, Codecs.utf8());
  }

  public Optional<Membership> find(String collective, String userId) {
    return members.find(Keys.concat(Keys.utf8z(collective), Keys.utf8(userId)));
  }

  /** The members of a collective, in user id (joining account) order. */
  public List<Membership> members(String collective) {
    return members.scanPrefix(Keys.utf8z(collective), Integer.MAX_VALUE, false).stream()
        .map(Table.Entry::value)
        .toList();
  }

  /** The role a user holds in each collective, by collective name. */
  public Map<String, Role> rolesOf(String userId) {
    byte[] prefix = Keys.utf8z(userId);
    Map<String, Role> roles = new LinkedHashMap<>();
    for (Table.Entry<byte[], String> e : memberOf.scanPrefix(prefix, Integer.MAX_VALUE, false)) {
      String collective = Keys.readUtf8(e.key(), prefix.length);
      Role.parse(e.value()).ifPresent(role -> roles.put(collective, role));
    }
    return roles;
  }

  /** Adds or replaces a membership (both index entries). */
  public void put(KvBatch batch, Membership m) {
    members.put(batch, Keys.concat(Keys.utf8z(m.collective()), Keys.utf8(m.userId())), m);
    memberOf.put(batch, Keys.concat(Keys.utf8z(m.userId()), Keys.utf8(m.collective())), m.role().id());
  }

  public void delete(KvBatch batch, String collective, String userId) {
    members.delete(batch, Keys.concat(Keys.utf8z(collective), Keys.utf8(userId)));
    memberOf.delete(batch, Keys.concat(Keys.utf8z(userId), Keys.utf8(collective)));
  }
}
