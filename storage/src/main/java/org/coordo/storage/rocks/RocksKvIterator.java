package org.coordo.storage.rocks;

import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import org.coordo.storage.Keys;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A bounded scan over one column family: [from, to) ascending, or descending from the greatest key
 * below {@code to} down to {@code from}. Tracked by its store, which force-closes it on shutdown.
 * Not thread-safe (one reader), but safe against a concurrent store close.
 */
final class RocksKvIterator implements KvIterator {
  private final RocksKvStore store;
  private final String keyspace;
  private final RocksIterator it;
  private final byte[] from;
  private final byte[] to;
  private final boolean reverse;
  private final AtomicBoolean closed = new AtomicBoolean();
  private KvEntry pending;
  private boolean exhausted;

  RocksKvIterator(
      RocksKvStore store, String keyspace, RocksIterator it, byte[] from, byte[] to, boolean reverse) {
    this.store = store;
    this.keyspace = keyspace;
    this.it = it;
    this.from = from;
    this.to = to;
    this.reverse = reverse;
    position();
  }

  private void position() {
    if (reverse) {
      if (to == null) {
        it.seekToLast();
      } else {
        it.seekForPrev(to);
        if (it.isValid() && Keys.compare(it.key(), to) >= 0) {
          it.prev();
        }
      }
    } else if (from == null) {
      it.seekToFirst();
    } else {
      it.seek(from);
    }
  }

  @Override
  public boolean hasNext() {
    if (pending != null) {
      return true;
    }
    if (exhausted) {
      return false;
    }
    Lock lock = store.enter();
    try {
      if (closed.get()) {
        return false;
      }
      if (!it.isValid()) {
        it.status();
        exhausted = true;
        return false;
      }
      byte[] key = it.key();
      boolean inRange =
          reverse
              ? from == null || Keys.compare(key, from) >= 0
              : to == null || Keys.compare(key, to) < 0;
      if (!inRange) {
        exhausted = true;
        return false;
      }
      pending = new KvEntry(key, it.value());
      if (reverse) {
        it.prev();
      } else {
        it.next();
      }
      return true;
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("scan", keyspace, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public KvEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    KvEntry entry = pending;
    pending = null;
    return entry;
  }

  @Override
  public void close() {
    Lock lock = store.enterEvenIfClosed();
    try {
      if (closed.compareAndSet(false, true)) {
        store.untrack(this);
        it.close();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Called by the store under its write lock. */
  void forceClose() {
    if (closed.compareAndSet(false, true)) {
      it.close();
    }
  }
}
