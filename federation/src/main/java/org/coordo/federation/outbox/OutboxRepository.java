package org.coordo.federation.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.storage.Cursor;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.Page;

/**
 * Each local actor's outbox: the ids of its public and unlisted activities in time order.
 *
 * <p>Key layout, keyspace {@value FederationKeyspaces#OUTBOX}: {@code utf8z(local name) ‖
 * longBE(published epoch millis) ‖ utf8(activity id URI)} → {@code utf8(activity id URI)}. A prefix
 * scan on {@code utf8z(name)} walks one actor's outbox in time order; reversed, newest first. The
 * activity id at the end keeps two activities of the same millisecond apart.
 *
 * <p>Synchronous: call from a worker thread.
 */
public final class OutboxRepository {
  private final Keyspace keyspace;

  public OutboxRepository(KvStore store) {
    this.keyspace = store.keyspace(FederationKeyspaces.OUTBOX);
  }

  static byte[] key(String localName, Instant published, URI activityId) {
    return Keys.concat(
        Keys.utf8z(localName), Keys.longBE(Math.max(0, published.toEpochMilli())), Keys.utf8(activityId.toString()));
  }

  public KvBatch add(KvBatch batch, String localName, Instant published, URI activityId) {
    return batch.put(keyspace, key(localName, published, activityId), Keys.utf8(activityId.toString()));
  }

  public KvBatch remove(KvBatch batch, String localName, Instant published, URI activityId) {
    return batch.delete(keyspace, key(localName, published, activityId));
  }

  /** One page of activity ids, newest first, starting after {@code after} (null: the newest). */
  public Page<URI> page(String localName, Cursor after, int limit) {
    return keyspace
        .page(Keys.utf8z(localName), after, limit, true)
        .map(e -> URI.create(new String(e.value(), StandardCharsets.UTF_8)));
  }

  /** How many activities the actor's outbox holds (scans the actor's range). */
  public long count(String localName) {
    return keyspace.count(Keys.utf8z(localName));
  }
}
