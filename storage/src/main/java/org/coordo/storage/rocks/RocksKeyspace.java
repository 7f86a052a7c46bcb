package org.coordo.storage.rocks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.coordo.storage.Cursor;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.Page;
import org.coordo.storage.Paging;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;

/** One column family. The handle is owned and closed by the store. */
final class RocksKeyspace implements Keyspace {
  private final RocksKvStore store;
  private final String name;
  private final ColumnFamilyHandle handle;

  RocksKeyspace(RocksKvStore store, String name, ColumnFamilyHandle handle) {
    this.store = store;
    this.name = name;
    this.handle = handle;
  }

  @Override
  public String name() {
    return name;
  }

  ColumnFamilyHandle handle() {
    return handle;
  }

  RocksKvStore store() {
    return store;
  }

  @Override
  public Optional<byte[]> find(byte[] key) {
    Lock lock = store.enter();
    try {
      return Optional.ofNullable(store.db().get(handle, store.readOptions(), key));
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("get", name, e);
    } finally {
      lock.unlock();
    }
  }

  /** One {@code multiGetAsList} call (RocksDB batches the lookups in the same memtable and files). */
  @Override
  public List<Optional<byte[]>> findAll(List<byte[]> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    Lock lock = store.enter();
    try {
      List<byte[]> values = store.db().multiGetAsList(store.readOptions(),
          Collections.nCopies(keys.size(), handle), keys);
      List<Optional<byte[]>> out = new ArrayList<>(values.size());
      for (byte[] v : values) {
        out.add(Optional.ofNullable(v));
      }
      return out;
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("get many", name, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void put(byte[] key, byte[] value) {
    Lock lock = store.enter();
    try {
      store.db().put(handle, store.walWrites(), key, value);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("put", name, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean putIfAbsent(byte[] key, byte[] value) {
    java.util.concurrent.locks.ReentrantLock unique = store.uniqueLock(name, key);
    unique.lock();
    try {
      Lock lock = store.enter();
      try {
        if (store.db().get(handle, store.readOptions(), key) != null) {
          return false;
        }
        store.db().put(handle, store.walWrites(), key, value);
        return true;
      } catch (RocksDBException e) {
        throw RocksErrors.wrap("put if absent", name, e);
      } finally {
        lock.unlock();
      }
    } finally {
      unique.unlock();
    }
  }

  @Override
  public void delete(byte[] key) {
    Lock lock = store.enter();
    try {
      store.db().delete(handle, store.walWrites(), key);
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("delete", name, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public KvIterator scan(byte[] from, byte[] to, boolean reverse) {
    return store.newIterator(this, from, to, reverse);
  }

  @Override
  public KvIterator scanPrefix(byte[] prefix, boolean reverse) {
    return scan(prefix, Keys.prefixEnd(prefix), reverse);
  }

  @Override
  public Page<KvEntry> page(byte[] prefix, Cursor after, int limit, boolean reverse) {
    return Paging.page(this, prefix, after, limit, reverse);
  }

  @Override
  public String toString() {
    return "RocksKeyspace[" + name + "]";
  }
}
