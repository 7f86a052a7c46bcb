package org.coordo.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A typed view of one keyspace: keys and values go through codecs. The key codec must preserve
 * order for scans and pages to make sense (see {@link Keys}).
 */
public final class Table<K, V> {

  /** A decoded key and value. */
  public record Entry<K, V>(K key, V value) {}

  private final Keyspace keyspace;
  private final Codec<K> keyCodec;
  private final Codec<V> valueCodec;

  public Table(Keyspace keyspace, Codec<K> keyCodec, Codec<V> valueCodec) {
    this.keyspace = keyspace;
    this.keyCodec = keyCodec;
    this.valueCodec = valueCodec;
  }

  public Keyspace keyspace() {
    return keyspace;
  }

  public byte[] encodeKey(K key) {
    return keyCodec.encode(key);
  }

  public Optional<V> find(K key) {
    return keyspace.find(keyCodec.encode(key)).map(valueCodec::decode);
  }

  /** Like {@link #find} but throws when absent. */
  public V require(K key) {
    return find(key).orElseThrow(() -> new StorageException("no such record in " + keyspace.name()));
  }

  public boolean contains(K key) {
    return keyspace.find(keyCodec.encode(key)).isPresent();
  }

  /** Single write, on the WAL before returning. */
  /** Writes the value only if the key is free ({@link Keyspace#putIfAbsent}); returns whether it wrote. */
  public boolean putIfAbsent(K key, V value) {
    return keyspace.putIfAbsent(keyCodec.encode(key), valueCodec.encode(value));
  }

  public void put(K key, V value) {
    keyspace.put(keyCodec.encode(key), valueCodec.encode(value));
  }

  public void delete(K key) {
    keyspace.delete(keyCodec.encode(key));
  }

  /** Adds the write to a batch (written later, atomically with the rest of the batch). */
  public KvBatch put(KvBatch batch, K key, V value) {
    return batch.put(keyspace, keyCodec.encode(key), valueCodec.encode(value));
  }

  public KvBatch delete(KvBatch batch, K key) {
    return batch.delete(keyspace, keyCodec.encode(key));
  }

  /** A page of values whose keys start with the raw {@code prefix} (empty: the whole table). */
  public Page<V> page(byte[] prefix, Cursor after, int limit, boolean reverse) {
    return keyspace.page(prefix, after, limit, reverse).map(e -> valueCodec.decode(e.value()));
  }

  /** A page of values whose keys start with the encoding of {@code keyPrefix}. */
  public Page<V> pageByKeyPrefix(K keyPrefix, Cursor after, int limit, boolean reverse) {
    return page(keyCodec.encode(keyPrefix), after, limit, reverse);
  }

  /** Like {@link #page} but with the decoded keys. */
  public Page<Entry<K, V>> pageEntries(byte[] prefix, Cursor after, int limit, boolean reverse) {
    return keyspace.page(prefix, after, limit, reverse).map(this::decode);
  }

  /** At most {@code max} entries whose keys start with {@code prefix}, in key order or reversed. */
  public List<Entry<K, V>> scanPrefix(byte[] prefix, int max, boolean reverse) {
    List<Entry<K, V>> out = new ArrayList<>();
    try (KvIterator it = keyspace.scanPrefix(prefix, reverse)) {
      while (out.size() < max && it.hasNext()) {
        out.add(decode(it.next()));
      }
    }
    return out;
  }

  /** At most {@code max} entries with keys in [from, to) (null bounds are open). */
  public List<Entry<K, V>> scanRange(K from, K to, int max, boolean reverse) {
    byte[] fromKey = from == null ? null : keyCodec.encode(from);
    byte[] toKey = to == null ? null : keyCodec.encode(to);
    List<Entry<K, V>> out = new ArrayList<>();
    try (KvIterator it = keyspace.scan(fromKey, toKey, reverse)) {
      while (out.size() < max && it.hasNext()) {
        out.add(decode(it.next()));
      }
    }
    return out;
  }

  /** Counts the keys starting with {@code prefix} (a full scan of that range). */
  public long count(byte[] prefix) {
    return keyspace.count(prefix);
  }

  private Entry<K, V> decode(KvEntry entry) {
    return new Entry<>(keyCodec.decode(entry.key()), valueCodec.decode(entry.value()));
  }
}
