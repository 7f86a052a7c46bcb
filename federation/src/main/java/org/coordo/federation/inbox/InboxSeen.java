package org.coordo.federation.inbox;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
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
 * t\0 objectId\0 actorId → {"at": epochMillis}                  a Delete of that object seen from that actor
 * t\0 objectId   → {"actor": actorId, "at": epochMillis}          the same, as written before (one deleter; read only)
 * </pre>
 *
 * Activity ids are absolute URLs checked to share the actor's origin, so the id alone identifies the
 * delivery. Tombstones are kept per deleting actor: one actor's Delete of an id does not hide another's
 * (see {@link org.coordo.federation.Ownership#tombstoneApplies}). Synchronous: call from a worker.
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

  /** Whether some actor sent a Delete of the object. */
  public boolean isTombstoned(String objectId) {
    return objectId != null && !deletersOf(objectId).isEmpty();
  }

  /** The actors that sent a Delete of the object (none when no Delete was seen). */
  public Set<URI> deletersOf(String objectId) {
    Set<URI> out = new LinkedHashSet<>();
    if (objectId == null) {
      return out;
    }
    keyspace.find(legacyTombstoneKey(objectId))
        .map(v -> new JsonObject(new String(v, StandardCharsets.UTF_8)).getString("actor"))
        .ifPresent(actor -> out.add(URI.create(actor)));
    byte[] prefix = Keys.concat(TOMBSTONE, Keys.utf8z(objectId));
    try (KvIterator it = keyspace.scanPrefix(prefix, false)) {
      while (it.hasNext()) {
        byte[] key = it.next().key();
        out.add(URI.create(new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  public KvBatch putTombstone(KvBatch batch, String objectId, URI actor, Instant at) {
    JsonObject v = new JsonObject().put("at", at.toEpochMilli());
    return batch.put(keyspace, Keys.concat(TOMBSTONE, Keys.utf8z(objectId), Keys.utf8(actor.toString())), bytes(v));
  }

  private static byte[] seenKey(String activityId) {
    return Keys.concat(SEEN, Keys.utf8(activityId));
  }

  private static byte[] legacyTombstoneKey(String objectId) {
    return Keys.concat(TOMBSTONE, Keys.utf8(objectId));
  }

  private static byte[] bytes(JsonObject j) {
    return j.encode().getBytes(StandardCharsets.UTF_8);
  }
}
