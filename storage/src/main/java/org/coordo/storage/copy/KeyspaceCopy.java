package org.coordo.storage.copy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.coordo.storage.Durability;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;

/**
 * Copies one keyspace of a store into the keyspace of the same name of another store (any two
 * {@link KvStore}s: RocksDB to PostgreSQL, or RocksDB to RocksDB in tests), then checks the copy.
 *
 * <p>The copy walks the source in key order and writes batches of at most {@code batchSize}
 * entries, so memory stays bounded whatever the keyspace holds. The check counts both sides and
 * compares a sample byte for byte: the first key, the last key, and every {@code sampleEvery}-th key
 * in between (the sample keys are kept, so it holds {@code count / sampleEvery} keys).
 */
public final class KeyspaceCopy {
  private KeyspaceCopy() {}

  /** What the check found for one keyspace. */
  public record Check(String keyspace, long sourceCount, long targetCount, int sampled, List<String> mismatches) {
    public boolean ok() {
      return sourceCount == targetCount && mismatches.isEmpty();
    }
  }

  /** Copies every entry; calls {@code progress} with the running total after each batch. Returns the total. */
  public static long copy(KvStore source, KvStore target, String keyspace, int batchSize, LongConsumer progress) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    Keyspace from = source.keyspace(keyspace);
    Keyspace to = target.keyspace(keyspace);
    long copied = 0;
    try (KvIterator it = from.scan(null, null, false)) {
      while (it.hasNext()) {
        try (KvBatch batch = target.newBatch()) {
          while (batch.size() < batchSize && it.hasNext()) {
            KvEntry entry = it.next();
            batch.put(to, entry.key(), entry.value());
          }
          target.write(batch, Durability.WAL);
          copied += batch.size();
        }
        progress.accept(copied);
      }
    }
    return copied;
  }

  /** Counts both sides and compares the sample (see the class comment). */
  public static Check verify(KvStore source, KvStore target, String keyspace, int sampleEvery) {
    if (sampleEvery < 1) {
      throw new IllegalArgumentException("sampleEvery must be at least 1");
    }
    Keyspace from = source.keyspace(keyspace);
    Keyspace to = target.keyspace(keyspace);
    List<byte[]> sample = new ArrayList<>();
    long sourceCount = 0;
    byte[] last = null;
    try (KvIterator it = from.scan(null, null, false)) {
      while (it.hasNext()) {
        byte[] key = it.next().key();
        if (sourceCount % sampleEvery == 0) {
          sample.add(key);
          last = null;
        } else {
          last = key;
        }
        sourceCount++;
      }
    }
    if (last != null) {
      sample.add(last);
    }
    long targetCount = to.count(null, null);
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      byte[] key = sample.get(i);
      Optional<byte[]> expected = from.find(key);
      Optional<byte[]> actual = to.find(key);
      if (actual.isEmpty()) {
        mismatches.add("sampled key #" + i + " is missing in the target");
      } else if (!Arrays.equals(expected.orElse(null), actual.get())) {
        mismatches.add("sampled key #" + i + " has a different value in the target");
      }
    }
    if (sourceCount != targetCount) {
      mismatches.add(0, "source has " + sourceCount + " entries, target " + targetCount);
    }
    return new Check(keyspace, sourceCount, targetCount, sample.size(), List.copyOf(mismatches));
  }

  /** Whether the keyspace holds no entry at all. */
  public static boolean isEmpty(KvStore store, String keyspace) {
    try (KvIterator it = store.keyspace(keyspace).scan(null, null, false)) {
      return !it.hasNext();
    }
  }
}
