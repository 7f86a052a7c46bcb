package org.coordo.server.data.account;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.coordo.server.domain.account.MailToken;
import org.coordo.storage.Codecs;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Table;

/**
 * Links mailed to members (password reset, address confirmation), keyed by the SHA-256 of their
 * secret (layout in {@link AccountKeyspaces}). Used ones are kept, so that a second use gets a clear
 * answer. Synchronous: call from a worker.
 */
public final class MailTokenRepository {
  private static final JsonCodec<MailToken> CODEC = new JsonCodec<>(
      t -> new JsonObject()
          .put("purpose", t.purpose().name())
          .put("userId", t.userId())
          .put("email", t.email())
          .put("created", JsonCodec.millis(t.created()))
          .put("expires", JsonCodec.millis(t.expires()))
          .put("usedAt", JsonCodec.millis(t.usedAt())),
      j -> new MailToken(
          MailToken.Purpose.valueOf(j.getString("purpose")),
          j.getString("userId"),
          j.getString("email"),
          JsonCodec.instant(j, "created"),
          JsonCodec.instant(j, "expires"),
          JsonCodec.instant(j, "usedAt")));

  private final Table<byte[], MailToken> table;

  public MailTokenRepository(KvStore store) {
    this.table = new Table<>(store.keyspace(AccountKeyspaces.MAIL_TOKENS), Codecs.bytes(), CODEC);
  }

  public Optional<MailToken> find(byte[] hash) {
    return table.find(hash);
  }

  public void put(KvBatch batch, byte[] hash, MailToken token) {
    table.put(batch, hash, token);
  }
}
