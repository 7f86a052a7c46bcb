package org.coordo.storage.rocks;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.coordo.storage.Keys;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.StorageException;
import org.coordo.storage.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRestoreTest {
  static final StoreOptions OPTIONS = StoreOptions.of(2, "records", "index");

  @TempDir Path root;

  @Test
  void backupWhileWritingThenRestoreGivesAConsistentCopy() throws Exception {
    Path data = root.resolve("data");
    Path backup = root.resolve("backup");
    Path restored = root.resolve("restored");
    AtomicLong written = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> writerError = new AtomicReference<>();
    CountDownLatch enough = new CountDownLatch(1);
    long before;
    long after;
    try (RocksKvStore store = RocksKvStore.open(data, OPTIONS)) {
      store.keyspace("index").put(Keys.utf8("static"), Keys.utf8("value"));
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (long n = 0; !stop.get(); n++) {
                    store.keyspace("records").put(Keys.longBE(n), Keys.longBE(n * 3));
                    written.set(n + 1);
                    if (n == 5000) {
                      enough.countDown();
                    }
                  }
                } catch (Throwable t) {
                  writerError.set(t);
                  enough.countDown();
                }
              },
              "backup-test-writer");
      writer.start();
      assertTrue(enough.await(60, TimeUnit.SECONDS), "writer too slow");
      before = written.get();
      store.backupTo(backup);
      after = written.get();
      stop.set(true);
      writer.join(30_000);
      assertNull(writerError.get());
      assertTrue(after > before, "writes continued during the backup");
    }

    RocksKvStore.restore(backup, restored);
    try (RocksKvStore copy = RocksKvStore.open(restored, OPTIONS)) {
      assertEquals(2, copy.schemaVersion());
      assertEquals("value", new String(copy.keyspace("index").find(Keys.utf8("static")).orElseThrow()));
      long expected = 0;
      try (KvIterator it = copy.keyspace("records").scan(null, null, false)) {
        while (it.hasNext()) {
          KvEntry entry = it.next();
          assertEquals(expected, Keys.readLong(entry.key(), 0), "a consistent copy has no gaps");
          assertEquals(expected * 3, Keys.readLong(entry.value(), 0));
          expected++;
        }
      }
      assertTrue(expected >= before, "backup holds " + expected + " records, " + before + " written before it");
      // +1: the write in flight when the backup ended may be in it before its counter moved
      assertTrue(expected <= after + 1, "backup holds records written after it ended");
      copy.keyspace("records").put(Keys.utf8("only-in-copy"), new byte[0]);
    }
    try (RocksKvStore original = RocksKvStore.open(data, OPTIONS)) {
      assertTrue(original.keyspace("records").find(Keys.utf8("only-in-copy")).isEmpty());
    }
  }

  @Test
  void restoreRefusesANonEmptyTarget() throws Exception {
    Path backup = root.resolve("backup");
    try (RocksKvStore store = RocksKvStore.open(root.resolve("data"), OPTIONS)) {
      store.backupTo(backup);
    }
    Path target = Files.createDirectories(root.resolve("target"));
    Files.writeString(target.resolve("something"), "x");
    StorageException e = assertThrows(StorageException.class, () -> RocksKvStore.restore(backup, target));
    assertTrue(e.getMessage().contains("is not empty"), e.getMessage());
    StorageException notBackup =
        assertThrows(StorageException.class, () -> RocksKvStore.restore(target, root.resolve("new")));
    assertTrue(notBackup.getMessage().contains("not a Coordo backup"), notBackup.getMessage());
  }

  @Test
  void backupRefusesANonEmptyTarget() throws Exception {
    Path target = Files.createDirectories(root.resolve("target"));
    Files.writeString(target.resolve("something"), "x");
    try (RocksKvStore store = RocksKvStore.open(root.resolve("data"), OPTIONS)) {
      StorageException e = assertThrows(StorageException.class, () -> store.backupTo(target));
      assertTrue(e.getMessage().contains("not an empty directory"), e.getMessage());
    }
  }
}
