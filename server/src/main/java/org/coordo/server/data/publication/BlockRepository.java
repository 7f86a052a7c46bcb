package org.coordo.server.data.publication;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;

/**
 * Remote accounts and domains editors have blocked: their replies and reactions are dropped.
 *
 * <p>Keyspace {@value PublicationKeyspaces#BLOCKS}: {@code 'A' ‖ utf8(actor id)} or {@code 'D' ‖
 * utf8(lower-case host)} → JSON {by, at}. Synchronous.
 */
public final class BlockRepository {
  private final Keyspace blocks;

  public BlockRepository(KvStore store) {
    this.blocks = store.keyspace(PublicationKeyspaces.BLOCKS);
  }

  public void blockAccount(String actorId, String by, Instant at) {
    blocks.put(Keys.concat(new byte[] {'A'}, Keys.utf8(actorId)), record(by, at));
  }

  public void blockDomain(String host, String by, Instant at) {
    blocks.put(Keys.concat(new byte[] {'D'}, Keys.utf8(host.toLowerCase(java.util.Locale.ROOT))), record(by, at));
  }

  public boolean isAccountBlocked(String actorId) {
    return blocks.find(Keys.concat(new byte[] {'A'}, Keys.utf8(actorId))).isPresent();
  }

  public boolean isDomainBlocked(String host) {
    return host != null
        && blocks.find(Keys.concat(new byte[] {'D'}, Keys.utf8(host.toLowerCase(java.util.Locale.ROOT)))).isPresent();
  }

  private static byte[] record(String by, Instant at) {
    return new JsonObject().put("by", by).put("at", at.toEpochMilli()).toBuffer().getBytes();
  }
}
