package org.coordo.storage.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.storage.Cursor;
import org.coordo.storage.Durability;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Page;
import org.coordo.storage.StorageException;
import org.coordo.storage.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link KvStore} must do. A backend's test extends this and implements {@link #open}.
 * The store under test has keyspaces "records" and "index".
 */
public abstract class KvStoreContract {
  protected static final StoreOptions OPTIONS = StoreOptions.of(1, "records", "index");

  @TempDir protected Path dir;
  protected KvStore store;

  /** Opens (or reopens) the store under test in {@code dir}. */
  protected abstract KvStore open(Path dir, StoreOptions options);

  @BeforeEach
  void openStore() {
    store = open(dir, OPTIONS);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected Keyspace records() {
    return store.keyspace("records");
  }

  protected static byte[] b(String s) {
    return Keys.utf8(s);
  }

  protected static String s(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void putFindDelete() {
    records().put(b("k"), b("v"));
    assertEquals("v", s(records().find(b("k")).orElseThrow()));
    records().delete(b("k"));
    assertEquals(Optional.empty(), records().find(b("k")));
    assertEquals(Optional.empty(), records().find(b("never")));
  }

  @Test
  void findAllAnswersEveryKeyInTheOrderAskedWithMissingAndRepeatedKeys() {
    assertEquals(List.of(), records().findAll(List.of()));
    byte[] high = {(byte) 0xC3, (byte) 0xA9, (byte) 0x80};
    byte[] ff = {(byte) 0xFF, 0x00, (byte) 0xFF};
    records().put(b("b"), b("vb"));
    records().put(b("a"), b("va"));
    records().put(high, b("vhigh"));
    records().put(ff, b("vff"));
    store.keyspace("index").put(b("c"), b("other keyspace"));
    List<Optional<byte[]>> got = records().findAll(List.of(ff, b("b"), b("missing"), b("a"), b("c"), high, b("b")));
    List<String> values = got.stream().map(v -> v.map(KvStoreContract::s).orElse(null)).toList();
    assertEquals(java.util.Arrays.asList("vff", "vb", null, "va", null, "vhigh", "vb"), values);
    assertEquals(List.of(Optional.empty()), records().findAll(List.of(new byte[] {(byte) 0x80})).stream()
        .map(v -> v.map(KvStoreContract::s)).toList());
  }

  @Test
  void findAllOfManyKeysMatchesFindOneByOne() {
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      keys.add(Keys.concat(new byte[] {(byte) (0x80 + i % 100)}, Keys.intBE(i)));
      if (i % 3 != 0) {
        records().put(keys.get(i), Keys.intBE(i * 7));
      }
    }
    List<Optional<byte[]>> got = records().findAll(keys);
    assertEquals(keys.size(), got.size());
    for (int i = 0; i < keys.size(); i++) {
      assertEquals(i % 3 == 0 ? null : i * 7, got.get(i).map(v -> Keys.readInt(v, 0)).orElse(null), "key " + i);
    }
  }

  @Test
  void scanWithASmallExpectedCountStillIteratesTheWholeRangeBothWays() {
    for (int i = 0; i < 10; i++) {
      records().put(Keys.intBE(i), Keys.intBE(i));
    }
    for (boolean reverse : new boolean[] {false, true}) {
      List<Integer> seen = new ArrayList<>();
      try (KvIterator it = records().scan(Keys.intBE(1), Keys.intBE(9), reverse, 3)) {
        it.forEachRemaining(e -> seen.add(Keys.readInt(e.key(), 0)));
      }
      assertEquals(reverse ? List.of(8, 7, 6, 5, 4, 3, 2, 1) : List.of(1, 2, 3, 4, 5, 6, 7, 8), seen);
    }
  }

  @Test
  void keyspacesAreSeparate() {
    records().put(b("k"), b("1"));
    assertTrue(store.keyspace("index").find(b("k")).isEmpty());
  }

  @Test
  void unknownKeyspaceIsRefused() {
    StorageException e = assertThrows(StorageException.class, () -> store.keyspace("nope"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void dataSurvivesReopen() {
    records().put(b("k"), b("v"));
    store.close();
    store = open(dir, OPTIONS);
    assertEquals("v", s(records().find(b("k")).orElseThrow()));
    assertEquals(1, store.schemaVersion());
  }

  @Test
  void bigEndianLongsIterateInNumericOrderBothWays() {
    long[] values = {0, 1, 254, 255, 256, 257, 65_535, 65_536, 1L << 32, (1L << 40) + 3,
      1_700_000_000_000L, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    for (int i = values.length - 1; i >= 0; i--) {
      records().put(Keys.longBE(values[i]), Keys.longBE(values[i]));
    }
    List<Long> forward = new ArrayList<>();
    try (KvIterator it = records().scan(null, null, false)) {
      it.forEachRemaining(e -> forward.add(Keys.readLong(e.key(), 0)));
    }
    List<Long> backward = new ArrayList<>();
    try (KvIterator it = records().scan(null, null, true)) {
      it.forEachRemaining(e -> backward.add(Keys.readLong(e.key(), 0)));
    }
    List<Long> expected = new ArrayList<>();
    for (long v : values) {
      expected.add(v);
    }
    assertEquals(expected, forward);
    java.util.Collections.reverse(expected);
    assertEquals(expected, backward);
  }

  @Test
  void scanBoundsAreHalfOpenInBothDirections() {
    for (int i = 0; i < 10; i++) {
      records().put(Keys.intBE(i), b("v" + i));
    }
    assertEquals(List.of(3, 4, 5, 6), ints(records().scan(Keys.intBE(3), Keys.intBE(7), false)));
    assertEquals(List.of(6, 5, 4, 3), ints(records().scan(Keys.intBE(3), Keys.intBE(7), true)));
    assertEquals(List.of(9, 8), ints(records().scan(Keys.intBE(8), null, true)));
    assertEquals(List.of(1, 0), ints(records().scan(null, Keys.intBE(2), true)));
    assertEquals(List.of(), ints(records().scan(Keys.intBE(7), Keys.intBE(3), false)));
    assertEquals(List.of(), ints(records().scan(Keys.intBE(7), Keys.intBE(3), true)));
  }

  @Test
  void reverseScanWithMissingUpperBoundKeyStartsBelowIt() {
    records().put(b("a1"), b(""));
    records().put(b("a3"), b(""));
    records().put(b("b"), b(""));
    List<String> keys = new ArrayList<>();
    try (KvIterator it = records().scan(b("a"), b("a2"), true)) {
      it.forEachRemaining(e -> keys.add(s(e.key())));
    }
    assertEquals(List.of("a1"), keys);
  }

  @Test
  void prefixScanStaysInsideThePrefix() {
    for (String k : List.of("a", "ab\0x", "ab\0y", "ab\1z", "abc\0w", "b")) {
      records().put(b(k), b(k));
    }
    List<String> forward = new ArrayList<>();
    try (KvIterator it = records().scanPrefix(Keys.utf8z("ab"), false)) {
      it.forEachRemaining(e -> forward.add(s(e.key())));
    }
    assertEquals(List.of("ab\0x", "ab\0y"), forward);
    List<String> backward = new ArrayList<>();
    try (KvIterator it = records().scanPrefix(Keys.utf8z("ab"), true)) {
      it.forEachRemaining(e -> backward.add(s(e.key())));
    }
    assertEquals(List.of("ab\0y", "ab\0x"), backward);
  }

  @Test
  void prefixOfFfBytesScansToTheEnd() {
    byte[] ff = {(byte) 0xFF};
    records().put(new byte[] {(byte) 0xFE}, b(""));
    records().put(new byte[] {(byte) 0xFF, 0}, b(""));
    records().put(new byte[] {(byte) 0xFF, (byte) 0xFF}, b(""));
    try (KvIterator it = records().scanPrefix(ff, false)) {
      int n = 0;
      while (it.hasNext()) {
        assertEquals((byte) 0xFF, it.next().key()[0]);
        n++;
      }
      assertEquals(2, n);
    }
  }

  @Test
  void pagesForwardAndBackwardSeeEveryKeyOnceInOrder() {
    byte[] prefix = Keys.utf8z("p");
    for (int i = 0; i < 250; i++) {
      records().put(Keys.concat(prefix, Keys.longBE(i * 7L)), Keys.intBE(i));
    }
    records().put(Keys.utf8z("o"), b("before"));
    records().put(Keys.utf8z("q"), b("after"));
    for (boolean reverse : new boolean[] {false, true}) {
      List<Integer> seen = new ArrayList<>();
      Cursor cursor = null;
      int pages = 0;
      do {
        Page<KvEntry> page = records().page(prefix, cursor, 100, reverse);
        pages++;
        page.items().forEach(e -> seen.add(Keys.readInt(e.value(), 0)));
        cursor = page.next().orElse(null);
        if (cursor != null) {
          cursor = Cursor.decode(cursor.encode()); // as a client would send it back
        }
      } while (cursor != null);
      assertEquals(3, pages);
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        expected.add(reverse ? 249 - i : i);
      }
      assertEquals(expected, seen, "reverse=" + reverse);
    }
  }

  @Test
  void exactlyFullLastPageHasNoNextCursor() {
    for (int i = 0; i < 200; i++) {
      records().put(Keys.intBE(i), b(""));
    }
    Page<KvEntry> first = records().page(new byte[0], null, 100, false);
    Page<KvEntry> second = records().page(new byte[0], first.next().orElseThrow(), 100, false);
    assertEquals(100, second.items().size());
    assertTrue(second.next().isEmpty());
  }

  @Test
  void emptyPrefixPagesTheWholeKeyspaceAndEmptyKeyspaceGivesEmptyPage() {
    Page<KvEntry> empty = records().page(new byte[0], null, 10, false);
    assertTrue(empty.items().isEmpty());
    assertTrue(empty.next().isEmpty());
    for (int i = 0; i < 15; i++) {
      records().put(Keys.intBE(i), b(""));
    }
    Page<KvEntry> first = records().page(new byte[0], null, 10, true);
    assertEquals(10, first.items().size());
    assertEquals(14, Keys.readInt(first.items().get(0).key(), 0));
    Page<KvEntry> second = records().page(new byte[0], first.next().orElseThrow(), 10, true);
    assertEquals(5, second.items().size());
    assertTrue(second.next().isEmpty());
  }

  @Test
  void cursorFromAnotherPrefixIsHarmless() {
    for (String p : List.of("a", "b", "c")) {
      for (int i = 0; i < 5; i++) {
        records().put(Keys.concat(Keys.utf8z(p), Keys.intBE(i)), b(p));
      }
    }
    byte[] prefixB = Keys.utf8z("b");
    for (String other : List.of("a", "c")) {
      Cursor foreign = new Cursor(Keys.concat(Keys.utf8z(other), Keys.intBE(2)));
      for (boolean reverse : new boolean[] {false, true}) {
        Page<KvEntry> page = records().page(prefixB, foreign, 10, reverse);
        for (KvEntry e : page.items()) {
          assertTrue(Keys.startsWith(e.key(), prefixB));
        }
        assertTrue(page.items().size() == 0 || page.items().size() == 5);
      }
    }
    Page<KvEntry> garbage = records().page(prefixB, new Cursor(new byte[] {(byte) 0xFF}), 10, true);
    assertEquals(5, garbage.items().size());
  }

  @Test
  void batchIsAllOrNothingAcrossKeyspaces() {
    Keyspace index = store.keyspace("index");
    try (KvBatch batch = store.newBatch()) {
      batch.put(records(), b("call/1"), b("record"));
      batch.put(index, b("by-date/2026/call/1"), b(""));
      assertEquals(2, batch.size());
      // never written
    }
    assertTrue(records().find(b("call/1")).isEmpty());
    assertTrue(index.find(b("by-date/2026/call/1")).isEmpty());

    records().put(b("old"), b("x"));
    try (KvBatch batch = store.newBatch()) {
      batch.put(records(), b("call/1"), b("record"));
      batch.put(index, b("by-date/2026/call/1"), b(""));
      batch.delete(records(), b("old"));
      assertTrue(records().find(b("call/1")).isEmpty(), "nothing visible before write");
      store.write(batch, Durability.WAL);
    }
    assertTrue(records().find(b("call/1")).isPresent());
    assertTrue(index.find(b("by-date/2026/call/1")).isPresent());
    assertTrue(records().find(b("old")).isEmpty());
  }

  @Test
  void syncBatchWrites() {
    try (KvBatch batch = store.newBatch()) {
      batch.put(records(), b("k"), b("v"));
      store.write(batch, Durability.SYNC);
    }
    assertTrue(records().find(b("k")).isPresent());
  }

  @Test
  void iteratorSeesASnapshot() {
    records().put(b("1"), b(""));
    try (KvIterator it = records().scan(null, null, false)) {
      records().put(b("2"), b(""));
      assertTrue(it.hasNext());
      it.next();
      assertFalse(it.hasNext());
    }
  }

  @Test
  void operationsAfterCloseFailClearly() {
    KvBatch batch = store.newBatch();
    KvIterator it = records().scan(null, null, false);
    store.close();
    store.close(); // idempotent
    for (Runnable op :
        List.<Runnable>of(
            () -> store.keyspace("records"),
            () -> records().find(b("k")),
            () -> records().put(b("k"), b("v")),
            () -> store.newBatch(),
            () -> it.hasNext(),
            () -> batch.put(records(), b("k"), b("v")))) {
      StorageException e = assertThrows(StorageException.class, op::run);
      assertEquals("store is closed", e.getMessage());
    }
    it.close();
    batch.close();
  }

  /** Whether {@link KvStore#backupTo} writes a backup (RocksDB) or refuses, naming the right tool. */
  protected boolean backsUpToDirectory() {
    return true;
  }

  @Test
  void backupIntoAnEmptyDirectoryWorksOrIsRefusedClearly(@TempDir Path target) {
    records().put(b("k"), b("v"));
    if (backsUpToDirectory()) {
      store.backupTo(target);
      assertTrue(target.toFile().list().length > 0, "backup wrote files");
    } else {
      StorageException e = assertThrows(StorageException.class, () -> store.backupTo(target));
      assertTrue(e.getMessage().contains("pg_dump"), e.getMessage());
      assertEquals(0, target.toFile().list().length, "nothing written");
    }
  }

  @Test
  void migrationsRunInOrderAtOpen() {
    records().put(b("k"), b("v1"));
    store.close();
    StoreOptions v3 =
        StoreOptions.builder()
            .keyspaces("records", "index")
            .schemaVersion(3)
            .migration(2, s -> s.keyspace("records").put(b("step"), b("2->3")))
            .migration(1, s -> {
              s.keyspace("index").put(b("k"), s.keyspace("records").find(b("k")).orElseThrow());
              s.keyspace("records").put(b("step"), b("1->2"));
            })
            .build();
    store = open(dir, v3);
    assertEquals(3, store.schemaVersion());
    assertEquals("v1", s(store.keyspace("index").find(b("k")).orElseThrow()));
    assertEquals("2->3", s(records().find(b("step")).orElseThrow()));
  }

  @Test
  void databaseFromANewerCoordoIsRefusedAndMissingOrFailedMigrationsAreClearErrors() {
    store.close();
    StorageException missing = assertThrows(StorageException.class,
        () -> open(dir, StoreOptions.of(2, "records", "index")));
    assertTrue(missing.getMessage().contains("no migration from database schema version 1"), missing.getMessage());
    StoreOptions failing = StoreOptions.builder().keyspaces("records", "index").schemaVersion(2)
        .migration(1, s -> {
          throw new IllegalStateException("boom");
        }).build();
    assertThrows(StorageException.class, () -> open(dir, failing));
    store = open(dir, StoreOptions.builder().keyspaces("records", "index").schemaVersion(2)
        .migration(1, s -> { }).build());
    assertEquals(2, store.schemaVersion(), "the failed migration left version 1, retried here");
    store.close();
    StorageException newer = assertThrows(StorageException.class, () -> open(dir, OPTIONS));
    assertEquals("database schema version 2 is newer than this Coordo supports (1); upgrade Coordo",
        newer.getMessage());
    store = open(dir, StoreOptions.builder().keyspaces("records", "index").schemaVersion(2).build());
    assertEquals(2, store.schemaVersion(), "a refused open released everything");
  }

  @Test
  void keysWithHighBytesSortAsUnsignedBytes() {
    byte[][] ordered = {
      {}, {0x00}, {0x00, 0x00}, {0x01}, {0x7F}, {0x7F, (byte) 0xFF}, {(byte) 0x80}, {(byte) 0x80, 0x00},
      {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xFE}, {(byte) 0xFF}, {(byte) 0xFF, 0x00}, {(byte) 0xFF, (byte) 0xFF}
    };
    for (int i = ordered.length - 1; i >= 0; i--) {
      records().put(ordered[i], Keys.intBE(i));
    }
    List<Integer> forward = new ArrayList<>();
    try (KvIterator it = records().scan(null, null, false)) {
      it.forEachRemaining(e -> forward.add(Keys.readInt(e.value(), 0)));
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < ordered.length; i++) {
      expected.add(i);
    }
    assertEquals(expected, forward);
    List<Integer> high = new ArrayList<>();
    try (KvIterator it = records().scan(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF}, true)) {
      it.forEachRemaining(e -> high.add(Keys.readInt(e.value(), 0)));
    }
    assertEquals(List.of(9, 8, 7, 6), high);
    assertEquals(3, records().count(new byte[] {(byte) 0xFF}));
    assertEquals(4, records().count(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xFF}));
  }

  @Test
  void longScansCrossChunkBoundariesInOrder() {
    int n = 1300; // more than one read chunk of any backend that reads in chunks
    try (KvBatch batch = store.newBatch()) {
      for (int i = 0; i < n; i++) {
        batch.put(records(), Keys.intBE(i), b(""));
      }
      store.write(batch, Durability.WAL);
    }
    List<Integer> forward = ints(records().scan(null, null, false));
    List<Integer> backward = ints(records().scan(Keys.intBE(100), null, true));
    assertEquals(n, forward.size());
    for (int i = 0; i < n; i++) {
      assertEquals(i, forward.get(i));
    }
    assertEquals(n - 100, backward.size());
    assertEquals(n - 1, backward.get(0));
    assertEquals(100, backward.get(backward.size() - 1));
    assertEquals(n, records().count(new byte[0]));
    assertEquals(n - 100, records().count(Keys.intBE(100), null));
  }

  @Test
  void putIfAbsentWritesOnlyTheFirstValue() {
    assertTrue(records().putIfAbsent(b("inbox/1"), b("first")));
    assertFalse(records().putIfAbsent(b("inbox/1"), b("second")));
    assertEquals("first", s(records().find(b("inbox/1")).orElseThrow()));
    assertTrue(store.keyspace("index").putIfAbsent(b("inbox/1"), b("other keyspace")));
    records().delete(b("inbox/1"));
    assertTrue(records().putIfAbsent(b("inbox/1"), b("again")));
  }

  @Test
  void concurrentPutIfAbsentOfOneKeyHasOneWinner() throws Exception {
    int threads = 8;
    for (int round = 0; round < 20; round++) {
      byte[] key = b("activity/" + round);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<Boolean>> calls = new ArrayList<>();
      try {
        for (int t = 0; t < threads; t++) {
          byte[] value = Keys.intBE(t);
          calls.add(pool.submit(() -> {
            start.await();
            return records().putIfAbsent(key, value);
          }));
        }
        start.countDown();
        int winners = 0;
        int winner = -1;
        for (int t = 0; t < threads; t++) {
          if (calls.get(t).get(30, java.util.concurrent.TimeUnit.SECONDS)) {
            winners++;
            winner = t;
          }
        }
        assertEquals(1, winners, "round " + round);
        assertEquals(winner, Keys.readInt(records().find(key).orElseThrow(), 0), "the winner's value stays");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static List<Integer> ints(KvIterator it) {
    List<Integer> out = new ArrayList<>();
    try (it) {
      it.forEachRemaining(e -> out.add(Keys.readInt(e.key(), 0)));
    }
    return out;
  }
}
