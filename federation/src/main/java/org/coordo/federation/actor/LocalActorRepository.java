package org.coordo.federation.actor;

import org.coordo.federation.LocalActor;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.storage.Codec;
import org.coordo.storage.Codecs;
import org.coordo.storage.KvStore;
import org.coordo.storage.Table;

/**
 * Local actors on the {@value FederationKeyspaces#ACTORS} keyspace. Synchronous (RocksDB): call it
 * from a worker, as {@link LocalActors} does.
 *
 * <pre>
 * key   = utf8(name)                       e.g. "grenoble", "coordo.instance"
 * value = UTF-8 JSON of LocalActor#toStorageJson (private key PEM included; never served)
 * </pre>
 *
 * Names are unique; listing iterates in name order.
 */
public final class LocalActorRepository {

  private static final Codec<LocalActor> ACTOR_CODEC =
      new Codec<>() {
        @Override
        public byte[] encode(LocalActor actor) {
          return actor.toStorageJson().toBuffer().getBytes();
        }

        @Override
        public LocalActor decode(byte[] bytes) {
          return LocalActor.fromStorageJson(new JsonObject(Buffer.buffer(bytes)));
        }
      };

  private final Table<String, LocalActor> table;
  private final Object writeLock = new Object();

  public LocalActorRepository(KvStore store) {
    this.table = new Table<>(store.keyspace(FederationKeyspaces.ACTORS), Codecs.utf8(), ACTOR_CODEC);
  }

  public Optional<LocalActor> find(String name) {
    return table.find(name);
  }

  /**
   * Inserts the actor unless its name is taken; returns false (and writes nothing) if it is. Atomic across the
   * processes sharing the store ({@link org.coordo.storage.Keyspace#putIfAbsent}): two processes creating the
   * same name (the instance actor at their first start, one account name) store one actor, with one key pair.
   */
  public boolean insertIfAbsent(LocalActor actor) {
    synchronized (writeLock) {
      return table.putIfAbsent(actor.name(), actor);
    }
  }

  /** Replaces an existing actor (same name). */
  public void update(LocalActor actor) {
    synchronized (writeLock) {
      table.put(actor.name(), actor);
    }
  }

  /** Every local actor, in name order (the instance actor included). */
  public List<LocalActor> list() {
    return table.scanPrefix(new byte[0], Integer.MAX_VALUE, false).stream()
        .map(Table.Entry::value)
        .toList();
  }
}
