package org.coordo.storage.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.coordo.storage.Keys;
import org.coordo.storage.StorageException;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.testkit.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is particular to PostgreSQL: several stores (processes) on one database, the SQL schema. */
class PgKvStoreTest {
  private PgTestDatabase database;
  private final List<PgKvStore> opened = new ArrayList<>();

  @BeforeEach
  void create() {
    database = PgTestDatabase.create();
  }

  @AfterEach
  void drop() {
    opened.forEach(PgKvStore::close);
    database.close();
  }

  private PgKvStore open(StoreOptions options) {
    PgKvStore store = PgKvStore.open(PgTestDatabase.vertx(), database.options(), options);
    opened.add(store);
    return store;
  }

  @Test
  void storesOpeningTogetherMigrateOnceAndShareTheData() throws Exception {
    open(StoreOptions.of(1, "records")).close();
    AtomicInteger runs = new AtomicInteger();
    StoreOptions v2 = StoreOptions.builder().keyspaces("records", "added").schemaVersion(2)
        .migration(1, s -> {
          runs.incrementAndGet();
          s.keyspace("added").put(Keys.utf8("migrated"), Keys.utf8("once"));
        }).build();
    int processes = 4;
    ExecutorService pool = Executors.newFixedThreadPool(processes);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<PgKvStore>> opens = new ArrayList<>();
    try {
      for (int i = 0; i < processes; i++) {
        opens.add(pool.submit(() -> {
          start.await();
          return open(v2);
        }));
      }
      start.countDown();
      List<PgKvStore> stores = new ArrayList<>();
      for (Future<PgKvStore> f : opens) {
        stores.add(f.get(60, TimeUnit.SECONDS));
      }
      assertEquals(1, runs.get(), "the migration ran once");
      stores.get(0).keyspace("records").put(Keys.utf8("k"), Keys.utf8("from store 0"));
      for (PgKvStore store : stores) {
        assertEquals(2, store.schemaVersion());
        assertEquals("from store 0", new String(store.keyspace("records").find(Keys.utf8("k")).orElseThrow()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void putIfAbsentHasOneWinnerAcrossStores() throws Exception {
    List<PgKvStore> stores = List.of(open(StoreOptions.of(1, "seen")), open(StoreOptions.of(1, "seen")));
    for (int round = 0; round < 20; round++) {
      byte[] key = Keys.utf8("https://example.org/activity/" + round);
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Boolean>> calls = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        PgKvStore store = stores.get(t % 2);
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return store.keyspace("seen").putIfAbsent(key, Keys.utf8("x"));
        }));
      }
      start.countDown();
      long winners = calls.stream().filter(CompletableFuture::join).count();
      assertEquals(1, winners, "round " + round);
    }
  }

  @Test
  void batchesLockingTheSameKeysInOppositeOrdersAllCommit() throws Exception {
    // Two processes writing overlapping batches can deadlock in PostgreSQL (never in RocksDB): the
    // victim is rolled back whole and written again, so no caller sees the deadlock.
    List<PgKvStore> stores = List.of(open(StoreOptions.of(1, "records")), open(StoreOptions.of(1, "records")));
    int keys = 40;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    try {
      for (int w = 0; w < 2; w++) {
        PgKvStore store = stores.get(w);
        boolean descending = w == 1;
        writers.add(pool.submit(() -> {
          start.await();
          for (int round = 0; round < 25; round++) {
            try (org.coordo.storage.KvBatch batch = store.newBatch()) {
              for (int i = 0; i < keys; i++) {
                int k = descending ? keys - 1 - i : i;
                batch.put(store.keyspace("records"), Keys.intBE(k), Keys.intBE(round));
              }
              store.write(batch, org.coordo.storage.Durability.WAL);
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int k = 0; k < keys; k++) {
      assertEquals(24, Keys.readInt(stores.get(0).keyspace("records").find(Keys.intBE(k)).orElseThrow(), 0));
    }
  }

  @Test
  void sqlSchemaFromANewerCoordoIsRefused() {
    open(StoreOptions.of(1, "records")).close();
    database.execute("UPDATE coordo_sql_schema SET version = 99");
    StorageException e = assertThrows(StorageException.class, () -> open(StoreOptions.of(1, "records")));
    assertEquals("PostgreSQL schema version 99 is newer than this Coordo supports (" + PgSchema.VERSION
        + "); upgrade Coordo", e.getMessage());
  }

  @Test
  void keyspacesOfAnEarlierOpenStayListed() {
    PgKvStore first = open(StoreOptions.of(1, "records", "legacy"));
    first.keyspace("legacy").put(Keys.utf8("k"), Keys.utf8("v"));
    first.close();
    PgKvStore second = open(StoreOptions.of(1, "records"));
    assertEquals(List.of("records", "meta", "legacy"), second.keyspaceNames());
    assertTrue(second.keyspace("legacy").find(Keys.utf8("k")).isPresent());
  }

  @Test
  void unusableKeyspaceNamesAreRefusedClearly() {
    StorageException e = assertThrows(StorageException.class, () -> open(StoreOptions.of(1, "bad\"; DROP TABLE x")));
    assertTrue(e.getMessage().contains("not usable on PostgreSQL"), e.getMessage());
  }

  @Test
  void aBlockingCallOnAnEventLoopIsRefused() throws Exception {
    PgKvStore store = open(StoreOptions.of(1, "records"));
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    PgTestDatabase.vertx().runOnContext(v -> {
      try {
        store.keyspace("records").find(Keys.utf8("k"));
        failure.complete(null);
      } catch (Throwable t) {
        failure.complete(t);
      }
    });
    Throwable t = failure.get(10, TimeUnit.SECONDS);
    assertInstanceOf(IllegalStateException.class, t);
    assertTrue(t.getMessage().contains("event loop"), t.getMessage());
  }

  @Test
  void optionsNeverShowThePassword() {
    PgOptions options = PgOptions.of("db.example.org", 5432, "coordo", "coordo", "s3cret-pw");
    assertFalse(options.toString().contains("s3cret-pw"), options.toString());
    assertThrows(IllegalArgumentException.class, () -> options.withSslMode("sometimes"));
    assertThrows(IllegalArgumentException.class, () -> options.withPoolSize(0));
  }
}
