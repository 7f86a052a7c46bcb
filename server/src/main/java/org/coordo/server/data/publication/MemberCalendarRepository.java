package org.coordo.server.data.publication;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;

/**
 * The secret links of members' private calendars, one per member (user) at most. Only the SHA-256
 * of a secret is stored.
 *
 * <p>Keyspace {@value PublicationKeyspaces#MEMBER_CALENDARS}:
 * <pre>
 * 'S' ‖ sha256(secret)   → utf8(userId)                          whose calendar a secret opens
 * 'U' ‖ utf8(userId)     → longBE(created millis) ‖ sha256(secret) a member's current link
 * </pre>
 * Renewing deletes the old {@code 'S'} key and writes both new keys in one batch, so the old link
 * stops working at the moment the new one exists.
 *
 * <p>Synchronous: call from a worker thread.
 */
public final class MemberCalendarRepository {
  private static final int HASH = 32;
  private final Keyspace links;

  public MemberCalendarRepository(KvStore store) {
    this.links = store.keyspace(PublicationKeyspaces.MEMBER_CALENDARS);
  }

  /** The user whose calendar the secret with this hash opens. */
  public Optional<String> holder(byte[] secretHash) {
    return links.find(secretKey(secretHash)).map(v -> new String(v, StandardCharsets.UTF_8));
  }

  /** When the member's current link was made; empty when they have none. */
  public Optional<Instant> createdAt(String userId) {
    return links.find(userKey(userId)).map(v -> Instant.ofEpochMilli(Keys.readLong(v, 0)));
  }

  /** Adds to the batch the member's new link, revoking the previous one. */
  public void replace(KvBatch batch, String userId, byte[] secretHash, Instant at) {
    revoke(batch, userId);
    batch.put(links, secretKey(secretHash), userId.getBytes(StandardCharsets.UTF_8));
    batch.put(links, userKey(userId), Keys.concat(Keys.longBE(at.toEpochMilli()), secretHash));
  }

  /** Adds to the batch the removal of the member's link, if any. */
  public void revoke(KvBatch batch, String userId) {
    links.find(userKey(userId)).ifPresent(v -> {
      batch.delete(links, secretKey(Arrays.copyOfRange(v, 8, 8 + HASH)));
      batch.delete(links, userKey(userId));
    });
  }

  private static byte[] secretKey(byte[] hash) {
    return Keys.concat(new byte[] {'S'}, hash);
  }

  private static byte[] userKey(String userId) {
    return Keys.concat(new byte[] {'U'}, Keys.utf8(userId));
  }
}
