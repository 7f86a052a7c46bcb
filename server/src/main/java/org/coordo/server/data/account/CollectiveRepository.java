package org.coordo.server.data.account;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.coordo.server.domain.account.Collective;
import org.coordo.storage.Codecs;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Table;

/** Collectives by name (layout in {@link AccountKeyspaces}). Synchronous: call from a worker. */
public final class CollectiveRepository {
  private static final JsonCodec<Collective> CODEC = new JsonCodec<>(
      c -> new JsonObject()
          .put("name", c.name())
          .put("displayName", c.displayName())
          .put("description", c.description())
          .put("descriptionHtml", c.descriptionHtml())
          .put("created", JsonCodec.millis(c.created()))
          .put("asCollective", c.publishesAsCollective()),
      j -> new Collective(
          j.getString("name"),
          j.getString("displayName"),
          j.getString("description"),
          j.getString("descriptionHtml"),
          JsonCodec.instant(j, "created"),
          Boolean.TRUE.equals(j.getBoolean("asCollective", false))));

  private final Table<String, Collective> table;

  public CollectiveRepository(KvStore store) {
    this.table = new Table<>(store.keyspace(AccountKeyspaces.COLLECTIVES), Codecs.utf8(), CODEC);
  }

  public Optional<Collective> find(String name) {
    return table.find(name);
  }

  public boolean exists(String name) {
    return table.contains(name);
  }

  public void put(KvBatch batch, Collective collective) {
    table.put(batch, collective.name(), collective);
  }

  /** Every collective in name order (a node hosts a handful). */
  public List<Collective> list() {
    return table.scanPrefix(new byte[0], Integer.MAX_VALUE, false).stream().map(Table.Entry::value).toList();
  }
}
