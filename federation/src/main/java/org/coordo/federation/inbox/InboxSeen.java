package org.coordo.federation.inbox;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;

/**
 * Idempotence and remembered deletes, in the {@code fed_inbox_seen} keyspace.
 *
 * <pre>
 * s\0 activityId → {"entry": inboxLogEntryId, "at": epochMillis}   an inbound activity already accepted
 * st\0 at activityId → empty   the same ids by time ({@code at} = longBE millis), for {@link #pruneSeen}
 * t\0 objectId   → {"actor": actorId, "at": epochMillis}          a Delete seen for that object (tombstone)
 * </pre>
 *
 * Activity ids are absolute URLs checked to share the actor's origin, so the id alone identifies the
 * delivery. A tombstone makes a {@code Create} of the same object arriving later a no-op.
 * Synchronous: call from a worker.
 */
public final class InboxSeen {
  private static final byte[] SEEN = Keys.utf8z("s");
  private static final byte[] TOMBSTONE = Keys.utf8z("t");
  private static final byte[] SEEN_TIME = Keys.utf8z("st");

  private final KvStore store;
  private final Keyspace keyspace;

  public InboxSeen(KvStore store) {
    this.store = store;
    this.keyspace = store.keyspace(FederationKeyspaces.INBOX_SEEN);
  }

  public boolean seen(String activityId) {
    return keyspace.find(seenKey(activityId)).isPresent();
  }

  public KvBatch markSeen(KvBatch batch, String activityId, String entryId, Instant at) {
    JsonObject v = new JsonObject().put("entry", entryId).put("at", at.toEpochMilli());
    batch.put(keyspace, Keys.concat(SEEN_TIME, Keys.longBE(Math.max(0, at.toEpochMilli())), Keys.utf8(activityId)),
        new byte[0]);
    return batch.put(keyspace, seenKey(activityId), bytes(v));
  }

  /**
   * Forgets at most {@code max} activity ids accepted before {@code before}, oldest first; returns how
   * many. Keep them longer than senders retry (Mastodon: about three days). Tombstones are kept.
   */
  public int pruneSeen(Instant before, int max) {
    int n = 0;
    try (KvBatch batch = store.newBatch(); KvIterator it = keyspace.scanPrefix(SEEN_TIME, false)) {
      while (n < max && it.hasNext()) {
        byte[] key = it.next().key();
        if (Keys.readLong(key, SEEN_TIME.length) >= before.toEpochMilli()) {
          break;
        }
        String activityId = new String(key, SEEN_TIME.length + 8, key.length - SEEN_TIME.length - 8, StandardCharsets.UTF_8);
        batch.delete(keyspace, key);
        batch.delete(keyspace, seenKey(activityId));
        n++;
      }
      if (n > 0) {
        store.write(batch, Durability.WAL);
      }
    }
    return n;
  }

  public boolean isTombstoned(String objectId) {
    return objectId != null && keyspace.find(tombstoneKey(objectId)).isPresent();
  }

  /** The actor that deleted the object, if a Delete was seen for it. */
  public Optional<URI> tombstonedBy(String objectId) {
    return keyspace.find(tombstoneKey(objectId))
        .map(v -> URI.create(new JsonObject(new String(v, StandardCharsets.UTF_8)).getString("actor")));
  }

  public KvBatch putTombstone(KvBatch batch, String objectId, URI actor, Instant at) {
    JsonObject v = new JsonObject().put("actor", actor.toString()).put("at", at.toEpochMilli());
    return batch.put(keyspace, tombstoneKey(objectId), bytes(v));
  }

  private static byte[] seenKey(String activityId) {
    return Keys.concat(SEEN, Keys.utf8(activityId));
  }

  private static byte[] tombstoneKey(String objectId) {
    return Keys.concat(TOMBSTONE, Keys.utf8(objectId));
  }

  private static byte[] bytes(JsonObject j) {
    return j.encode().getBytes(StandardCharsets.UTF_8);
  }
}
