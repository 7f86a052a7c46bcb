package org.coordo.storage;

import java.nio.file.Path;

/**
 * An embedded, ordered key-value store made of named keyspaces (column families in RocksDB).
 * Keys compare as unsigned bytes, so big-endian numbers iterate in numeric (time) order.
 *
 * <p>Everything here is synchronous and may block on disk: callers on a Vert.x event loop must
 * go through a worker executor.
 */
public interface KvStore extends AutoCloseable {

  /** The keyspace with that name; it must have been declared when the store was opened. */
  Keyspace keyspace(String name);

  /** A new empty batch; nothing is written until {@link #write(KvBatch, Durability)}. */
  KvBatch newBatch();

  /** Applies every change of the batch atomically: all of them or none. */
  void write(KvBatch batch, Durability durability);

  /** The schema version stored in the database. */
  int schemaVersion();

  /**
   * Writes a consistent online backup of the whole store into {@code target}, which must not
   * exist yet or be empty. The store stays open and writable meanwhile.
   */
  void backupTo(Path target);

  /** Closes every native handle; open iterators are force-closed. Idempotent. */
  @Override
  void close();
}
