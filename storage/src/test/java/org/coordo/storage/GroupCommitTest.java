package org.coordo.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void everySubmissionIsWrittenAndSubmissionsMadeDuringAWriteShareTheNextBatch() throws Exception {
    try (RocksKvStore store = TestStores.openRocks(dir); GroupCommit commit = new GroupCommit(store, Durability.SYNC, "t", 1000)) {
      Keyspace a = store.keyspace("a");
      CountDownLatch release = new CountDownLatch(1);
      // The first write waits (inside its change set) until 500 more are queued behind it.
      CompletableFuture<Void> first = submitBlocker(commit, release, b -> b.put(a, Keys.longBE(-1), Keys.longBE(-1)));
      List<CompletableFuture<Void>> rest = new ArrayList<>();
      for (long n = 0; n < 500; n++) {
        long k = n;
        rest.add(commit.submit(b -> b.put(a, Keys.longBE(k), Keys.longBE(k))));
      }
      release.countDown();
      first.get(30, TimeUnit.SECONDS);
      CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      for (long n = -1; n < 500; n++) {
        assertArrayEquals(Keys.longBE(n), a.find(Keys.longBE(n)).orElseThrow(), "record " + n);
      }
      assertEquals(501, commit.changeSetsWritten());
      assertEquals(2, commit.batchesWritten(), "the 500 queued during the first write went out as one batch");
    }
  }

  @Test
  void batchesRespectTheirMaximumSize() throws Exception {
    try (RocksKvStore store = TestStores.openRocks(dir); GroupCommit commit = new GroupCommit(store, Durability.WAL, "t", 10)) {
      Keyspace a = store.keyspace("a");
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> first = submitBlocker(commit, release, b -> {});
      List<CompletableFuture<Void>> rest = new ArrayList<>();
      for (long n = 0; n < 95; n++) {
        long k = n;
        rest.add(commit.submit(b -> b.put(a, Keys.longBE(k), Keys.longBE(k))));
      }
      release.countDown();
      first.get(30, TimeUnit.SECONDS);
      CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertEquals(1 + 10, commit.batchesWritten(), "95 queued → 10 batches of at most 10, after the first");
    }
  }

  @Test
  void aFailedBatchFailsEveryFutureOfItAndLaterBatchesStillWork() throws Exception {
    try (RocksKvStore store = TestStores.openRocks(dir); GroupCommit commit = new GroupCommit(store, Durability.WAL, "t", 100)) {
      Keyspace a = store.keyspace("a");
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<Void> blocker = submitBlocker(commit, release, b -> {});
      CompletableFuture<Void> good = commit.submit(b -> b.put(a, Keys.longBE(1), Keys.longBE(1)));
      CompletableFuture<Void> bad = commit.submit(b -> {
        throw new IllegalStateException("broken change set");
      });
      release.countDown();
      blocker.get(30, TimeUnit.SECONDS);
      ExecutionException e1 = assertThrows(ExecutionException.class, () -> good.get(30, TimeUnit.SECONDS));
      assertTrue(e1.getCause() instanceof IllegalStateException);
      assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
      assertTrue(a.find(Keys.longBE(1)).isEmpty(), "all of the failed batch or nothing");

      commit.submit(b -> b.put(a, Keys.longBE(2), Keys.longBE(2))).get(30, TimeUnit.SECONDS);
      assertTrue(a.find(Keys.longBE(2)).isPresent());
    }
  }

  @Test
  void closeWritesWhatWasSubmittedAndRefusesMore() throws Exception {
    try (RocksKvStore store = TestStores.openRocks(dir)) {
      Keyspace a = store.keyspace("a");
      GroupCommit commit = new GroupCommit(store, Durability.SYNC, "t", 100);
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (long n = 0; n < 200; n++) {
        long k = n;
        all.add(commit.submit(b -> b.put(a, Keys.longBE(k), Keys.longBE(k))));
      }
      commit.close();
      for (CompletableFuture<Void> f : all) {
        assertTrue(f.isDone());
      }
      long written = all.stream().filter(f -> !f.isCompletedExceptionally()).count();
      assertEquals(written, TestStores.count(store, "a"), "every completed future's record is there");
      assertEquals(200, written, "close drains the queue before stopping");
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> commit.submit(b -> b.put(a, Keys.longBE(1000), Keys.longBE(0))).get(5, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof StorageException);
    }
  }

  /**
   * Submits a change set that holds the writer thread until {@code release} (then adds {@code changes}),
   * and returns once the writer is inside it: what is submitted next waits for the following batch.
   */
  private static CompletableFuture<Void> submitBlocker(GroupCommit commit, CountDownLatch release,
      Consumer<KvBatch> changes) {
    CountDownLatch writing = new CountDownLatch(1);
    CompletableFuture<Void> blocker = commit.submit(b -> {
      writing.countDown();
      await(release);
      changes.accept(b);
    });
    await(writing);
    return blocker;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
