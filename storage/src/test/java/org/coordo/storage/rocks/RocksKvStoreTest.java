package org.coordo.storage.rocks;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.coordo.storage.Keys;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvIterator;
import org.coordo.storage.Migration;
import org.coordo.storage.StorageException;
import org.coordo.storage.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksKvStoreTest {
  @TempDir Path dir;

  @Test
  void newDatabaseGetsTheExpectedSchemaVersion() {
    try (RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(3, "a"))) {
      assertEquals(3, store.schemaVersion());
      assertEquals(List.of("default", "a", "meta"), store.keyspaceNames());
    }
  }

  @Test
  void databaseFromANewerCoordoIsRefused() {
    RocksKvStore.open(dir, StoreOptions.of(5, "a")).close();
    StorageException e =
        assertThrows(StorageException.class, () -> RocksKvStore.open(dir, StoreOptions.of(4, "a")));
    assertEquals(
        "database schema version 5 is newer than this Coordo supports (4); upgrade Coordo",
        e.getMessage());
    // and the refused open released everything: a correct open still works
    RocksKvStore.open(dir, StoreOptions.of(5, "a")).close();
  }

  @Test
  void migrationsRunInOrderAtOpen() {
    try (RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(1, "a"))) {
      store.keyspace("a").put(Keys.utf8("k"), Keys.utf8("v1"));
    }
    StoreOptions v3 =
        StoreOptions.builder()
            .keyspaces("a", "b")
            .schemaVersion(3)
            .migration(2, s -> s.keyspace("a").put(Keys.utf8("step"), Keys.utf8("2->3")))
            .migration(
                1,
                s -> {
                  byte[] old = s.keyspace("a").find(Keys.utf8("k")).orElseThrow();
                  s.keyspace("b").put(Keys.utf8("k"), old);
                  s.keyspace("a").put(Keys.utf8("step"), Keys.utf8("1->2"));
                })
            .build();
    try (RocksKvStore store = RocksKvStore.open(dir, v3)) {
      assertEquals(3, store.schemaVersion());
      assertEquals("v1", new String(store.keyspace("b").find(Keys.utf8("k")).orElseThrow()));
      assertEquals("2->3", new String(store.keyspace("a").find(Keys.utf8("step")).orElseThrow()));
    }
  }

  @Test
  void missingMigrationIsAClearError() {
    RocksKvStore.open(dir, StoreOptions.of(1, "a")).close();
    StorageException e =
        assertThrows(StorageException.class, () -> RocksKvStore.open(dir, StoreOptions.of(2, "a")));
    assertTrue(e.getMessage().contains("no migration from database schema version 1"), e.getMessage());
  }

  @Test
  void failedMigrationLeavesTheVersionAndCanBeRetried() {
    RocksKvStore.open(dir, StoreOptions.of(1, "a")).close();
    StoreOptions failing =
        StoreOptions.builder().keyspaces("a").schemaVersion(2).migration(Migration.of(1, s -> {
          throw new IllegalStateException("boom");
        })).build();
    assertThrows(StorageException.class, () -> RocksKvStore.open(dir, failing));
    try (RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(1, "a"))) {
      assertEquals(1, store.schemaVersion());
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryIsAClearError() {
    try (RocksKvStore first = RocksKvStore.open(dir, StoreOptions.of(1, "a"))) {
      StorageException e =
          assertThrows(StorageException.class, () -> RocksKvStore.open(dir, StoreOptions.of(1, "a")));
      assertTrue(e.getMessage().contains("is already open"), e.getMessage());
      first.keyspace("a").put(Keys.utf8("still"), Keys.utf8("works"));
    }
  }

  @Test
  void undeclaredColumnFamiliesOnDiskAreOpenedNotLost() {
    try (RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(1, "a", "legacy"))) {
      store.keyspace("legacy").put(Keys.utf8("k"), Keys.utf8("v"));
    }
    try (RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(1, "a"))) {
      assertTrue(store.keyspaceNames().contains("legacy"));
    }
    try (RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(1, "a", "legacy"))) {
      assertTrue(store.keyspace("legacy").find(Keys.utf8("k")).isPresent());
    }
  }

  @Test
  void closeForceClosesIteratorsAndBatches() {
    RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(1, "a"));
    for (int i = 0; i < 10; i++) {
      store.keyspace("a").put(Keys.intBE(i), Keys.intBE(i));
    }
    KvIterator open = store.keyspace("a").scan(null, null, false);
    open.next();
    KvBatch batch = store.newBatch();
    try (KvIterator closed = store.keyspace("a").scan(null, null, true)) {
      closed.next();
    }
    assertEquals(2, store.openResourceCount());
    store.close();
    assertEquals(0, store.openResourceCount());
    assertThrows(StorageException.class, open::hasNext);
    open.close();
    batch.close();
  }

  @Test
  void batchFromAnotherStoreIsRefused(@TempDir Path other) {
    try (RocksKvStore a = RocksKvStore.open(dir, StoreOptions.of(1, "a"));
        RocksKvStore b = RocksKvStore.open(other, StoreOptions.of(1, "a"));
        KvBatch batch = b.newBatch()) {
      assertThrows(IllegalArgumentException.class, () -> a.write(batch, org.coordo.storage.Durability.WAL));
      assertThrows(
          IllegalArgumentException.class, () -> batch.put(a.keyspace("a"), Keys.intBE(1), Keys.intBE(1)));
    }
  }

  @Test
  void openingAndClosingHundredsOfTimesLeaksNoFileDescriptors() throws IOException {
    Path fdDir = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fdDir), "needs /proc (Linux)");
    StoreOptions options = StoreOptions.of(1, "a", "b");
    cycle(options, 0); // warm up: native library and JDK classes
    long before = countFds(fdDir);
    for (int i = 1; i <= 300; i++) {
      cycle(options, i);
    }
    long after = countFds(fdDir);
    assertTrue(after <= before + 5, "file descriptors grew from " + before + " to " + after);
    try (RocksKvStore store = RocksKvStore.open(dir, options)) {
      assertEquals(Keys.intBE(300).length, store.keyspace("a").find(Keys.intBE(300)).orElseThrow().length);
    }
  }

  private void cycle(StoreOptions options, int i) {
    RocksKvStore store = RocksKvStore.open(dir, options);
    try {
      store.keyspace("a").put(Keys.intBE(i), Keys.intBE(i));
      KvIterator leakedOnPurpose = store.keyspace("a").scan(null, null, false);
      leakedOnPurpose.hasNext();
      store.newBatch().put(store.keyspace("b"), Keys.intBE(i), Keys.intBE(i));
    } finally {
      store.close();
    }
  }

  private static long countFds(Path fdDir) throws IOException {
    try (Stream<Path> fds = Files.list(fdDir)) {
      return fds.count();
    }
  }
}
