package org.coordo.storage.rocks;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import org.coordo.storage.KvBatch;
import org.coordo.storage.Keyspace;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/** A {@link WriteBatch} tracked by its store. Not thread-safe. */
final class RocksBatch implements KvBatch {
  private final RocksKvStore store;
  private final WriteBatch batch = new WriteBatch();
  private final AtomicBoolean closed = new AtomicBoolean();

  RocksBatch(RocksKvStore store) {
    this.store = store;
  }

  @Override
  public KvBatch put(Keyspace keyspace, byte[] key, byte[] value) {
    RocksKeyspace target = store.own(keyspace);
    Lock lock = store.enter();
    try {
      checkOpen();
      batch.put(target.handle(), key, value);
      return this;
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("batch put", target.name(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public KvBatch delete(Keyspace keyspace, byte[] key) {
    RocksKeyspace target = store.own(keyspace);
    Lock lock = store.enter();
    try {
      checkOpen();
      batch.delete(target.handle(), key);
      return this;
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("batch delete", target.name(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int size() {
    Lock lock = store.enter();
    try {
      checkOpen();
      return batch.count();
    } finally {
      lock.unlock();
    }
  }

  /** The native batch; the caller holds the store's lock. */
  WriteBatch writeBatch() {
    checkOpen();
    return batch;
  }

  boolean belongsTo(RocksKvStore owner) {
    return store == owner;
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("batch is closed");
    }
  }

  @Override
  public void close() {
    Lock lock = store.enterEvenIfClosed();
    try {
      if (closed.compareAndSet(false, true)) {
        store.untrack(this);
        batch.close();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called by the store under its write lock. */
  void forceClose() {
    if (closed.compareAndSet(false, true)) {
      batch.close();
    }
  }
}
