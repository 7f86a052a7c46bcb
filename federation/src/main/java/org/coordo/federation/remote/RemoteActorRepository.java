package org.coordo.federation.remote;

import org.coordo.federation.RemoteActor;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.vocab.As;
import org.coordo.storage.Durability;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;

/**
 * Cached remote actor documents in the {@code fed_remote_actors} keyspace.
 *
 * <pre>
 * a\0 actorId   → {"document": {…the actor JSON…}, "fetchedAt": epochMillis, "finalUrl": "…"}
 * k\0 keyId     → actorId (UTF-8)   every key id the document lists with owner == actor id
 * </pre>
 *
 * The document is re-validated when read ({@link RemoteActorDocuments}), so a stored entry never
 * yields an actor that would not pass the checks today. Synchronous: call from a worker.
 */
public final class RemoteActorRepository {
  private static final byte[] ACTOR = Keys.utf8z("a");
  private static final byte[] KEY = Keys.utf8z("k");

  /** A cached actor and when it was fetched. */
  public record Cached(RemoteActor actor, Instant fetchedAt) {}

  /** A stored value and what it decoded to. */
  private record Decoded(byte[] stored, Cached cached) {}

  private static final int MAX_DECODED = 10_000;

  private final KvStore store;
  private final Keyspace keyspace;
  /**
   * The last decoding of each actor, reused while the stored bytes are the same: every signed request
   * reads its actor, and decoding plus re-validating the document costs more than the read. Comparing
   * the bytes read now keeps this exact without any invalidation. Cleared whole when full.
   */
  private final Map<URI, Decoded> decoded = new ConcurrentHashMap<>();

  public RemoteActorRepository(KvStore store) {
    this.store = store;
    this.keyspace = store.keyspace(FederationKeyspaces.REMOTE_ACTORS);
  }

  public Optional<Cached> find(URI actorId) {
    return keyspace.find(actorKey(actorId)).flatMap(v -> {
      Decoded last = decoded.get(actorId);
      if (last != null && Arrays.equals(last.stored(), v)) {
        return Optional.of(last.cached());
      }
      JsonObject j = new JsonObject(new String(v, StandardCharsets.UTF_8));
      try {
        URI finalUrl = j.getString("finalUrl") == null ? actorId : URI.create(j.getString("finalUrl"));
        RemoteActor actor = RemoteActorDocuments.toRemoteActor(actorId, finalUrl, j.getJsonObject("document"));
        Cached cached = new Cached(actor, Instant.ofEpochMilli(j.getLong("fetchedAt")));
        if (decoded.size() >= MAX_DECODED) {
          decoded.clear();
        }
        decoded.put(actorId, new Decoded(v, cached));
        return Optional.of(cached);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  /** The actor id a key id belongs to, as last fetched. */
  public Optional<URI> findOwnerOfKey(String keyId) {
    return keyspace.find(Keys.concat(KEY, Keys.utf8(keyId))).map(v -> URI.create(new String(v, StandardCharsets.UTF_8)));
  }

  /** Stores (replaces) an actor and its key index; key ids it no longer lists are dropped. */
  public KvBatch put(KvBatch batch, RemoteActor actor, URI finalUrl, Instant fetchedAt) {
    find(actor.id()).ifPresent(old -> keyIds(old.actor()).forEach(k -> batch.delete(keyspace, Keys.concat(KEY, Keys.utf8(k)))));
    JsonObject value = new JsonObject()
        .put("document", actor.document())
        .put("fetchedAt", fetchedAt.toEpochMilli())
        .put("finalUrl", finalUrl == null ? null : finalUrl.toString());
    batch.put(keyspace, actorKey(actor.id()), value.encode().getBytes(StandardCharsets.UTF_8));
    for (String keyId : keyIds(actor)) {
      batch.put(keyspace, Keys.concat(KEY, Keys.utf8(keyId)), Keys.utf8(actor.id().toString()));
    }
    return batch;
  }

  /** Writes one actor in its own batch. */
  public void put(RemoteActor actor, URI finalUrl, Instant fetchedAt) {
    try (KvBatch batch = store.newBatch()) {
      put(batch, actor, finalUrl, fetchedAt);
      store.write(batch, Durability.WAL);
    }
  }

  /** Forgets an actor and its keys in its own batch. */
  public void remove(URI actorId) {
    try (KvBatch batch = store.newBatch()) {
      remove(batch, actorId);
      store.write(batch, Durability.WAL);
    }
  }

  /** Forgets an actor and its keys (it deleted itself). */
  public KvBatch remove(KvBatch batch, URI actorId) {
    find(actorId).ifPresent(old -> keyIds(old.actor()).forEach(k -> batch.delete(keyspace, Keys.concat(KEY, Keys.utf8(k)))));
    batch.delete(keyspace, actorKey(actorId));
    return batch;
  }

  private static List<String> keyIds(RemoteActor actor) {
    List<String> out = new ArrayList<>();
    for (Object o : As.oneOrMany(actor.document(), "publicKey")) {
      if (o instanceof JsonObject k && k.getValue("id") instanceof String id
          && actor.id().toString().equals(As.idOf(k.getValue("owner")))) {
        out.add(id);
      }
    }
    return out;
  }

  private static byte[] actorKey(URI actorId) {
    return Keys.concat(ACTOR, Keys.utf8(actorId.toString()));
  }
}
