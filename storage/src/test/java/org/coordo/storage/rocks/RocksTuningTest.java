package org.coordo.storage.rocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.coordo.storage.Keys;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.Keyspace;
import org.coordo.storage.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.BloomFilter;
import org.rocksdb.RocksDB;

/** Table format and block cache settings: partitioned index and filters, cache shards large enough for old tables. */
class RocksTuningTest {
  @TempDir Path dir;

  @Test
  void cacheShardsAreAtLeastEightMegabytes() {
    assertEquals(0, RocksTuning.cacheShardBits(1024 * 1024));
    assertEquals(0, RocksTuning.cacheShardBits(15L * 1024 * 1024));
    assertEquals(1, RocksTuning.cacheShardBits(16L * 1024 * 1024));
    assertEquals(2, RocksTuning.cacheShardBits(StoreOptions.DEFAULT_BLOCK_CACHE_BYTES));
    assertEquals(6, RocksTuning.cacheShardBits(64L * 1024 * 1024 * 1024));
  }

  @Test
  void tablesGetPartitionedIndexAndFilters() {
    try (LRUCache cache = new LRUCache(1024 * 1024); BloomFilter filter = new BloomFilter(10);
        ColumnFamilyOptions options = new ColumnFamilyOptions()) {
      RocksTuning.configure(options, cache, filter);
      BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
      assertEquals(IndexType.kTwoLevelIndexSearch, table.indexType());
      assertTrue(table.partitionFilters());
      assertTrue(table.pinTopLevelIndexAndFilter());
      assertTrue(table.cacheIndexAndFilterBlocks());
    }
  }

  @Test
  void tablesReadBackThroughPartitionsWithATinyCache() {
    StoreOptions options = StoreOptions.builder().keyspaces("a").blockCacheBytes(1024 * 1024).build();
    List<byte[]> keys = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(3);
    try (RocksKvStore store = RocksKvStore.open(dir, options)) {
      Keyspace a = store.keyspace("a");
      for (int i = 0; i < 12_000; i++) {
        byte[] key = Keys.concat(Keys.utf8("https://city" + r.nextInt(100) + ".example/objects/"), Keys.longBE(i));
        keys.add(key);
        a.put(key, value(i, r));
      }
    }
    // closing flushed the memtable: the reads below go through table files (about 24 MB, many partitions)
    assertTrue(tableFiles() > 0);
    try (RocksKvStore store = RocksKvStore.open(dir, options)) {
      Keyspace a = store.keyspace("a");
      SplittableRandom again = new SplittableRandom(3);
      for (int i = 0; i < keys.size(); i++) {
        again.nextInt(100);
        assertArrayEquals(value(i, again), a.find(keys.get(i)).orElseThrow(), "key " + i);
      }
      for (int i = 0; i < 2000; i++) {
        assertTrue(a.find(Keys.concat(Keys.utf8("https://city" + i + ".example/missing/"), Keys.longBE(i))).isEmpty());
      }
      byte[] prefix = Keys.utf8("https://city7.example/objects/");
      long expected = keys.stream().filter(k -> Keys.startsWith(k, prefix)).count();
      long seen = 0;
      try (KvIterator it = a.scanPrefix(prefix, false)) {
        while (it.hasNext()) {
          KvEntry e = it.next();
          assertTrue(Keys.startsWith(e.key(), prefix));
          seen++;
        }
      }
      assertEquals(expected, seen);
    }
  }

  @Test
  void tablesWrittenWithTheFormerUnpartitionedIndexStillRead() throws Exception {
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (ColumnFamilyOptions cf = new ColumnFamilyOptions().setTableFormatConfig(new BlockBasedTableConfig());
        DBOptions db = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)) {
      for (String name : List.of("default", "a", StoreOptions.META)) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cf));
      }
      try (RocksDB old = RocksDB.open(db, dir.toString(), descriptors, handles); FlushOptions flush = new FlushOptions()) {
        for (int i = 0; i < 5000; i++) {
          old.put(handles.get(1), Keys.longBE(i), Keys.utf8("v" + i));
        }
        old.flush(flush.setWaitForFlush(true), handles.get(1));
        handles.forEach(ColumnFamilyHandle::close);
      }
    }
    try (RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(1, "a"))) {
      for (int i = 0; i < 5000; i += 7) {
        assertArrayEquals(Keys.utf8("v" + i), store.keyspace("a").find(Keys.longBE(i)).orElseThrow());
      }
      assertTrue(store.keyspace("a").find(Keys.longBE(5000)).isEmpty());
    }
  }

  private static byte[] value(int i, SplittableRandom r) {
    byte[] v = new byte[2000];
    for (int k = 0; k < v.length; k++) {
      v[k] = (byte) ('a' + r.nextInt(26));
    }
    System.arraycopy(Keys.longBE(i), 0, v, 0, 8);
    return v;
  }

  private long tableFiles() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".sst")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
