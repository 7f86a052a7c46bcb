package org.coordo.federation.inbox;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * c\0 activityId\0 gen → longBE(epochMillis)   a process's claim on an activity it is accepting (several
 *                                                processes on one database: {@link #claim})
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
  private static final byte[] CLAIM = Keys.utf8z("c");
  /** Generations of claims tried on one activity before giving up (each one a process that died mid-accept). */
  private static final int MAX_CLAIMS = 8;

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
   * Claims the activity for the calling process, when several processes share the store: of concurrent claims
   * exactly one wins ({@link org.coordo.storage.Keyspace#putIfAbsent}), and only the winner persists the
   * activity. A claim older than {@code stale} whose activity was never marked seen was left by a process that
   * died between claiming and persisting: the next claim (next generation) takes it over, again with one winner.
   * Call it after {@link #seen} said false. Returns whether this process won.
   */
  public boolean claim(String activityId, Instant now, Duration stale) {
    for (int gen = 0; gen < MAX_CLAIMS; gen++) {
      byte[] key = claimKey(activityId, gen);
      if (keyspace.putIfAbsent(key, Keys.longBE(now.toEpochMilli()))) {
        return true;
      }
      long at = keyspace.find(key).map(v -> Keys.readLong(v, 0)).orElse(now.toEpochMilli());
      if (now.toEpochMilli() - at < stale.toMillis() || seen(activityId)) {
        return false; // being accepted by another process right now, or done
      }
    }
    return false;
  }

  /** Drops this process's claims on an activity it could not persist (so that a retry may claim it at once). */
  public void dropClaims(String activityId) {
    try (KvIterator it = keyspace.scanPrefix(claimPrefix(activityId), false)) {
      while (it.hasNext()) {
        keyspace.delete(it.next().key());
      }
    }
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
        try (KvIterator claims = keyspace.scanPrefix(claimPrefix(activityId), false)) {
          while (claims.hasNext()) {
            batch.delete(keyspace, claims.next().key());
          }
        }
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

  private static byte[] claimPrefix(String activityId) {
    return Keys.concat(CLAIM, Keys.utf8z(activityId));
  }

  private static byte[] claimKey(String activityId, int gen) {
    return Keys.concat(claimPrefix(activityId), Keys.intBE(gen));
  }

  private static byte[] legacyTombstoneKey(String objectId) {
    return Keys.concat(TOMBSTONE, Keys.utf8(objectId));
  }

  private static byte[] bytes(JsonObject j) {
    return j.encode().getBytes(StandardCharsets.UTF_8);
  }
}
