package org.coordo.federation.outbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;

/**
 * Activities published by local actors, as they were delivered ({@code bto}/{@code bcc} removed).
 *
 * <p>Key layout, keyspace {@value FederationKeyspaces#ACTIVITIES}: {@code utf8(activity id URI)} →
 * the activity's JSON as UTF-8. The id is the full URI ({@code https://node/activities/01h…}).
 *
 * <p>Synchronous: call from a worker thread.
 */
public final class ActivityRepository {
  private final Keyspace keyspace;

  public ActivityRepository(KvStore store) {
    this.keyspace = store.keyspace(FederationKeyspaces.ACTIVITIES);
  }

  public Optional<JsonObject> find(URI id) {
    return findBytes(id).map(bytes -> new JsonObject(Buffer.buffer(bytes)));
  }

  /**
   * The activity's JSON exactly as stored (UTF-8), without parsing it: what delivery POSTs, once per inbox, so
   * that a fan-out to thousands of inboxes does not parse and re-encode the same document for each one.
   */
  public Optional<byte[]> findBytes(URI id) {
    return keyspace.find(Keys.utf8(id.toString()));
  }

  /** Adds the activity to the batch under its {@code id}. */
  public KvBatch put(KvBatch batch, JsonObject activity) {
    String id = activity.getString("id");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("an activity to store needs an id");
    }
    return batch.put(keyspace, Keys.utf8(id), activity.toBuffer().getBytes());
  }

  public KvBatch delete(KvBatch batch, URI id) {
    return batch.delete(keyspace, Keys.utf8(id.toString()));
  }
}
