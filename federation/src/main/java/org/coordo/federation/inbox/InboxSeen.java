package org.coordo.federation.inbox;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;

/**
 * Idempotence and remembered deletes, in the {@code fed_inbox_seen} keyspace.
 *
 * <pre>
 * s\0 activityId → {"entry": inboxLogEntryId, "at": epochMillis}   an inbound activity already accepted
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

  private final Keyspace keyspace;

  public InboxSeen(KvStore store) {
    this.keyspace = store.keyspace(FederationKeyspaces.INBOX_SEEN);
  }

  public boolean seen(String activityId) {
    return keyspace.find(seenKey(activityId)).isPresent();
  }

  public KvBatch markSeen(KvBatch batch, String activityId, String entryId, Instant at) {
    JsonObject v = new JsonObject().put("entry", entryId).put("at", at.toEpochMilli());
    return batch.put(keyspace, seenKey(activityId), bytes(v));
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
