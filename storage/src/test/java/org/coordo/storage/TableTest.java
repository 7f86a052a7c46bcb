package org.coordo.storage;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTest {
  @TempDir Path dir;
  RocksKvStore store;
  Table<Long, String> byTime;

  @BeforeEach
  void open() {
    store = TestStores.openRocks(dir, "events", "names");
    byTime = new Table<>(store.keyspace("events"), Codecs.longBE(), Codecs.utf8());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void findPutDelete() {
    assertTrue(byTime.find(1L).isEmpty());
    byTime.put(1L, "one");
    assertEquals("one", byTime.find(1L).orElseThrow());
    assertEquals("one", byTime.require(1L));
    byTime.delete(1L);
    assertFalse(byTime.contains(1L));
    assertThrows(StorageException.class, () -> byTime.require(1L));
  }

  @Test
  void batchWritesAcrossTablesTogether() {
    Table<String, Long> names = new Table<>(store.keyspace("names"), Codecs.utf8(), Codecs.longBE());
    try (KvBatch batch = store.newBatch()) {
      byTime.put(batch, 7L, "seven");
      names.put(batch, "seven", 7L);
      assertTrue(byTime.find(7L).isEmpty());
      store.write(batch, Durability.WAL);
    }
    assertEquals("seven", byTime.require(7L));
    assertEquals(7L, names.require("seven"));
    try (KvBatch batch = store.newBatch()) {
      byTime.delete(batch, 7L);
      names.delete(batch, "seven");
      store.write(batch, Durability.SYNC);
    }
    assertFalse(byTime.contains(7L) || names.contains("seven"));
  }

  @Test
  void pagesAndScansDecodeKeysAndValues() {
    for (long t = 250; t < 260; t++) {
      byTime.put(t, "t" + t);
    }
    Page<String> newest = byTime.page(new byte[0], null, 3, true);
    assertEquals(List.of("t259", "t258", "t257"), newest.items());
    Page<Table.Entry<Long, String>> next =
        byTime.pageEntries(new byte[0], newest.next().orElseThrow(), 3, true);
    assertEquals(256L, next.items().get(0).key());
    assertEquals(List.of(255L, 256L), byTime.scanRange(255L, 257L, 10, false).stream().map(Table.Entry::key).toList());
    assertEquals(10, byTime.count(new byte[0]));
    Keyspace events = store.keyspace("events");
    assertEquals(10, events.count(new byte[0]));
    assertEquals(2, events.count(Keys.longBE(255), Keys.longBE(257)));
    assertEquals(5, events.count(Keys.longBE(255), null));
    assertEquals(0, events.count(Keys.longBE(300)));
    assertEquals(2, byTime.scanPrefix(new byte[0], 2, false).size());
    Page<String> byKeyPrefix = byTime.pageByKeyPrefix(256L, null, 10, false);
    assertEquals(List.of("t256"), byKeyPrefix.items());
  }

  @Test
  void codecsRoundTrip() {
    assertEquals("héllo", Codecs.utf8().decode(Codecs.utf8().encode("héllo")));
    assertEquals(Long.MAX_VALUE, Codecs.longBE().decode(Codecs.longBE().encode(Long.MAX_VALUE)));
    byte[] raw = {1, 2};
    assertSame(raw, Codecs.bytes().decode(Codecs.bytes().encode(raw)));
    assertThrows(StorageException.class, () -> Codecs.longBE().decode(new byte[3]));
  }
}
