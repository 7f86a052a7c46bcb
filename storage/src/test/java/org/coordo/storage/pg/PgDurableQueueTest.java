package org.coordo.storage.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.coordo.storage.Durability;
import org.coordo.storage.Job;
import org.coordo.storage.Keys;
import org.coordo.storage.KvBatch;
import org.coordo.storage.StorageException;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.queue.KvDurableQueue;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.PgTestStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to {@link PgDurableQueue}: queues side by side, copying jobs in, health. */
class PgDurableQueueTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

  @TempDir Path dir;
  @RegisterExtension final PgTestStore pg = new PgTestStore("records");
  private PgKvStore store;

  @BeforeEach
  void open() {
    store = pg.store();
  }

  @Test
  void queuesOfOneDatabaseAreSeparate() {
    PgDurableQueue deliveries = new PgDurableQueue(store, "deliveries", Clock.systemUTC(), "node");
    PgDurableQueue mail = new PgDurableQueue(store, "mail", Clock.systemUTC(), "node");
    try (KvBatch batch = store.newBatch()) {
      deliveries.enqueue(batch, T0, Keys.utf8("d"));
      mail.enqueue(batch, T0, Keys.utf8("m1"));
      mail.enqueue(batch, T0, Keys.utf8("m2"));
      store.write(batch, Durability.WAL);
    }
    assertEquals(1, deliveries.size());
    assertEquals(2, mail.size());
    assertEquals(List.of("d"), deliveries.claim(T0, 10, Duration.ofMinutes(1)).stream()
        .map(j -> new String(j.payload())).toList());
  }

  @Test
  void jobsCopiedFromRocksDbKeepTheirIdDueTimeAttemptsAndEnqueueTime() {
    Job copied;
    try (RocksKvStore rocks = RocksKvStore.open(dir, StoreOptions.of(1, "jobs", "job_ids"))) {
      KvDurableQueue source = new KvDurableQueue(rocks, "jobs", "job_ids");
      try (KvBatch batch = rocks.newBatch()) {
        source.enqueue(batch, T0, Keys.utf8("deliver"));
        rocks.write(batch, Durability.WAL);
      }
      Job claimed = source.claim(T0, 1, Duration.ofMinutes(5)).get(0);
      source.reschedule(claimed, T0.plusSeconds(60));
      copied = source.find(claimed.id()).orElseThrow();
      PgDurableQueue target = new PgDurableQueue(store, "deliveries", Clock.systemUTC(), "node");
      for (int run = 0; run < 2; run++) { // a copy run twice adds it once
        try (KvBatch batch = store.newBatch()) {
          target.restore(batch, copied, source.enqueuedAt(copied).orElseThrow());
          store.write(batch, Durability.SYNC);
        }
      }
      assertEquals(1, target.size());
      Job found = target.find(copied.id()).orElseThrow();
      assertEquals(T0.plusSeconds(60).toEpochMilli(), found.dueAtMillis());
      assertEquals(1, found.attempts());
      assertEquals("deliver", new String(found.payload()));
      assertEquals(source.enqueuedAt(copied), target.enqueuedAt(found));
      assertEquals(List.of(), target.claim(T0.plusSeconds(59), 1, Duration.ofMinutes(5)), "not leased, not due yet");
      assertEquals(2, target.claim(T0.plusSeconds(60), 1, Duration.ofMinutes(5)).get(0).attempts());
    }
  }

  @Test
  void durableQueuesPicksTheQueueOfTheBackend() {
    assertInstanceOf(PgDurableQueue.class,
        org.coordo.storage.queue.DurableQueues.open(store, "fed_delivery", "fed_delivery_ids", Clock.systemUTC(), "node-0"));
    try (RocksKvStore rocks = RocksKvStore.open(dir, StoreOptions.of(1, "jobs", "job_ids"))) {
      assertInstanceOf(KvDurableQueue.class,
          org.coordo.storage.queue.DurableQueues.open(rocks, "jobs", "job_ids", Clock.systemUTC(), "node"));
    }
  }

  @Test
  void aBatchOfAnotherStoreIsRefused() {
    PgDurableQueue queue = new PgDurableQueue(store, "deliveries", Clock.systemUTC(), "node");
    try (RocksKvStore rocks = RocksKvStore.open(dir, StoreOptions.of(1, "a"));
        KvBatch foreign = rocks.newBatch()) {
      assertThrows(IllegalArgumentException.class, () -> queue.enqueue(foreign, T0, new byte[0]));
    }
  }

  @Test
  void pingSaysWhetherPostgresAnswers() throws Exception {
    store.ping().toCompletionStage().toCompletableFuture().get();
    store.close();
    Throwable failure = store.ping().toCompletionStage().toCompletableFuture().handle((v, e) -> e).get();
    assertInstanceOf(StorageException.class, failure);
  }
}
