package org.coordo.storage.pg;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.coordo.storage.KvBatch;
import org.coordo.storage.Keyspace;
import org.coordo.storage.StorageException;

/**
 * The statements of one transaction, in the order they were added. Key-value changes come from the
 * {@link KvBatch} methods; other writers of this backend (the {@link PgDurableQueue} enqueue) add their
 * own statement with {@link #add}, so that a job is committed with the records it belongs to. Not
 * thread-safe. Holds nothing native: closing only forbids further use.
 */
final class PgBatch implements KvBatch {
  /** One parameterised statement of the transaction. */
  record Statement(String sql, Tuple args) {}

  private final PgKvStore store;
  private final List<Statement> statements = new ArrayList<>();
  private boolean closed;

  PgBatch(PgKvStore store) {
    this.store = store;
  }

  @Override
  public KvBatch put(Keyspace keyspace, byte[] key, byte[] value) {
    PgKeyspace target = store.own(keyspace);
    return add(target.upsertSql(), Tuple.of(Buffer.buffer(key), Buffer.buffer(value)));
  }

  @Override
  public KvBatch delete(Keyspace keyspace, byte[] key) {
    PgKeyspace target = store.own(keyspace);
    return add(target.deleteSql(), Tuple.of(Buffer.buffer(key)));
  }

  /** Adds a statement of this backend to the transaction. */
  PgBatch add(String sql, Tuple args) {
    store.checkOpen();
    checkUsable();
    statements.add(new Statement(sql, args));
    return this;
  }

  @Override
  public int size() {
    store.checkOpen();
    checkUsable();
    return statements.size();
  }

  List<Statement> statements() {
    checkUsable();
    return List.copyOf(statements);
  }

  boolean belongsTo(PgKvStore owner) {
    return store == owner;
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("batch is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    statements.clear();
  }

  static StorageException closedStore() {
    return new StorageException("store is closed");
  }
}
