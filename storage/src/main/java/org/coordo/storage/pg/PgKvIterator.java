package org.coordo.storage.pg;

import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;

/**
 * A bounded scan read in keyset chunks of at most {@link #CHUNK} rows, so no query returns an
 * unbounded result and no connection is held between chunks. The first chunk is read when the
 * iterator is made, so it sees the keyspace as it was then; each later chunk is a separate read (read
 * committed): keys come in order and at most once, and a key written meanwhile beyond the first chunk
 * may or may not be seen. Not thread-safe (one reader).
 */
final class PgKvIterator implements KvIterator {
  static final int CHUNK = 512;

  private final PgKeyspace keyspace;
  private final byte[] from;
  private final byte[] to;
  private final boolean reverse;
  private final int chunkSize;
  private final ArrayDeque<KvEntry> buffered = new ArrayDeque<>();
  private byte[] last;
  private boolean exhausted;
  private boolean closed;

  PgKvIterator(PgKeyspace keyspace, byte[] from, byte[] to, boolean reverse, int chunkSize) {
    this.keyspace = keyspace;
    this.from = from;
    this.to = to;
    this.reverse = reverse;
    this.chunkSize = chunkSize;
    fill();
  }

  private void fill() {
    if (from != null && to != null && org.coordo.storage.Keys.compare(from, to) >= 0) {
      exhausted = true;
      return;
    }
    List<KvEntry> rows = keyspace.chunk(from, to, last, reverse, chunkSize);
    buffered.addAll(rows);
    if (rows.size() < chunkSize) {
      exhausted = true;
    } else {
      last = rows.get(rows.size() - 1).key();
    }
  }

  @Override
  public boolean hasNext() {
    keyspace.store().checkOpen();
    if (closed) {
      return false;
    }
    if (buffered.isEmpty() && !exhausted) {
      fill();
    }
    return !buffered.isEmpty();
  }

  @Override
  public KvEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffered.poll();
  }

  @Override
  public void close() {
    closed = true;
    buffered.clear();
  }
}
