package org.coordo.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One ordered table of raw keys and values. */
public interface Keyspace {

  String name();

  Optional<byte[]> find(byte[] key);

  /**
   * The values of several keys at once, in the order of {@code keys} (one result per key, empty when
   * absent; a key given twice gets its value twice). A backend with round trips answers in one (the
   * PostgreSQL one: {@code WHERE k = ANY($1)}); this default asks key by key.
   */
  default List<Optional<byte[]>> findAll(List<byte[]> keys) {
    List<Optional<byte[]>> out = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      out.add(find(key));
    }
    return out;
  }

  /** Single write, appended to the WAL before returning. */
  void put(byte[] key, byte[] value);

  /**
   * Writes the value only if the key is absent, and says whether it did. Of concurrent calls with the
   * same key, exactly one returns true: within one process on RocksDB, across every process sharing the
   * database on PostgreSQL ({@code INSERT ... ON CONFLICT DO NOTHING}). It is the uniqueness primitive
   * (inbox deduplication, claims on a name); it is not serialised with plain {@link #put}s or batches
   * of the same key.
   */
  boolean putIfAbsent(byte[] key, byte[] value);

  void delete(byte[] key);

  /**
   * Iterates keys in [from, to) in ascending order, or (to, from] ... in descending order when
   * {@code reverse}: a reverse scan starts at the greatest key below {@code to}. Either bound may be
   * null (open). The caller closes the iterator.
   */
  KvIterator scan(byte[] from, byte[] to, boolean reverse);

  /**
   * {@link #scan} when the caller expects to read about {@code expected} entries (a page and one
   * more): a backend reading in chunks sizes its first chunk by it. It may still iterate further.
   */
  default KvIterator scan(byte[] from, byte[] to, boolean reverse, int expected) {
    return scan(from, to, reverse);
  }

  /** Iterates every key starting with {@code prefix}, ascending or descending. */
  KvIterator scanPrefix(byte[] prefix, boolean reverse);

  /**
   * One page of at most {@code limit} entries whose keys start with {@code prefix}, starting
   * strictly after the cursor (or at the first key when the cursor is null), in the given direction.
   */
  Page<KvEntry> page(byte[] prefix, Cursor after, int limit, boolean reverse);

  /** How many keys start with {@code prefix} (walks that range). */
  default long count(byte[] prefix) {
    return countAll(scanPrefix(prefix, false));
  }

  /** How many keys are in [from, to) (walks that range; either bound may be null, as in {@link #scan}). */
  default long count(byte[] from, byte[] to) {
    return countAll(scan(from, to, false));
  }

  private static long countAll(KvIterator iterator) {
    try (KvIterator it = iterator) {
      long n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      return n;
    }
  }
}
