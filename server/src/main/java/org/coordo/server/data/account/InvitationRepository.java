package org.coordo.server.data.account;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.coordo.server.auth.Role;
import org.coordo.server.domain.account.Invitation;
import org.coordo.storage.Codecs;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Table;

/**
 * Invitations keyed by the SHA-256 of their token (layout in {@link AccountKeyspaces}). Used ones
 * are kept (with who used them) so that a second use is refused with a clear message.
 */
public final class InvitationRepository {
  private static final JsonCodec<Invitation> CODEC = new JsonCodec<>(
      i -> new JsonObject()
          .put("id", i.id())
          .put("collective", i.collective())
          .put("role", i.role().id())
          .put("createdBy", i.createdBy())
          .put("created", JsonCodec.millis(i.created()))
          .put("expires", JsonCodec.millis(i.expires()))
          .put("usedAt", JsonCodec.millis(i.usedAt()))
          .put("usedBy", i.usedBy())
          .put("email", i.email()),
      j -> new Invitation(
          j.getString("id"),
          j.getString("collective"),
          Role.parse(j.getString("role")).orElseThrow(),
          j.getString("createdBy"),
          JsonCodec.instant(j, "created"),
          JsonCodec.instant(j, "expires"),
          JsonCodec.instant(j, "usedAt"),
          j.getString("usedBy"),
          j.getString("email")));

  private final Table<byte[], Invitation> table;

  public InvitationRepository(KvStore store) {
    this.table = new Table<>(store.keyspace(AccountKeyspaces.INVITATIONS), Codecs.bytes(), CODEC);
  }

  public Optional<Invitation> find(byte[] hash) {
    return table.find(hash);
  }

  public void put(KvBatch batch, byte[] hash, Invitation invitation) {
    table.put(batch, hash, invitation);
  }
}
