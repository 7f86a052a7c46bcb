package org.coordo.storage.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;

/** Stores for tests in any module (shipped in the storage test-jar). Close what you open. */
public final class TestStores {
  /** Keyspaces opened by {@link #openRocks(Path)}. */
  public static final List<String> DEFAULT_KEYSPACES = List.of("a", "b", "c");

  private TestStores() {}

  /** A RocksDB store in {@code dir} (use a JUnit {@code @TempDir}) with keyspaces a, b and c. */
  public static RocksKvStore openRocks(Path dir) {
    return openRocks(dir, DEFAULT_KEYSPACES.toArray(String[]::new));
  }

  /** A RocksDB store in {@code dir} with the given keyspaces, schema version 1. */
  public static RocksKvStore openRocks(Path dir, String... keyspaces) {
    return RocksKvStore.open(dir, StoreOptions.of(1, keyspaces));
  }

  public static RocksKvStore openRocks(Path dir, StoreOptions options) {
    return RocksKvStore.open(dir, options);
  }

  /** Every entry of a keyspace, in key order (small keyspaces only). */
  public static List<KvEntry> dump(Keyspace keyspace) {
    List<KvEntry> out = new ArrayList<>();
    try (KvIterator it = keyspace.scan(null, null, false)) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  /** Number of keys in a keyspace. */
  public static long count(KvStore store, String keyspace) {
    return dump(store.keyspace(keyspace)).size();
  }
}
