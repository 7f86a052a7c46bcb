package org.coordo.storage.queue;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.coordo.storage.Durability;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.testkit.DurableQueueContract;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.Test;

/** The {@link DurableQueueContract} on RocksDB, and what is particular to {@link KvDurableQueue}. */
class KvDurableQueueTest extends DurableQueueContract {

  @Override
  protected KvStore openStore(Path dir) {
    return TestStores.openRocks(dir, "jobs", "job_ids", "records");
  }

  @Override
  protected DurableQueue queue(KvStore store, String owner, Clock clock) {
    return new KvDurableQueue(store, "jobs", "job_ids", new JobIds(clock, new SecureRandom()), owner);
  }

  @Test
  void ownerNamesArePrintableAscii() {
    for (String bad : new String[] {"", "a b", "é", "x".repeat(65)}) {
      assertThrows(IllegalArgumentException.class,
          () -> new KvDurableQueue(store, "jobs", "job_ids", JobIds.system(), bad), bad);
    }
    assertEquals("node", ((KvDurableQueue) queue).owner());
  }

  @Test
  void jobIdsAreTimeSortableUlids() {
    java.time.Clock clock = java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC);
    JobIds ids = new JobIds(clock, new java.util.Random(1));
    String id = ids.get();
    assertEquals(26, id.length());
    assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{26}"), id);
    assertEquals(T0.toEpochMilli(), JobIds.millisOf(id));
    String later = new JobIds(java.time.Clock.offset(clock, Duration.ofMillis(1)), new java.util.Random(2)).get();
    assertTrue(id.compareTo(later) < 0);
  }

  @Test
  void worksOnAnyKvStore() {
    KvStore any = store;
    KvDurableQueue other = new KvDurableQueue(any, "jobs", "job_ids", () -> "FIXED-ID");
    try (KvBatch batch = any.newBatch()) {
      assertEquals("FIXED-ID", other.enqueue(batch, T0, new byte[0]));
      any.write(batch, Durability.WAL);
    }
    assertEquals(0, other.find("FIXED-ID").orElseThrow().attempts());
  }

  @Test
  void enqueuedAtIsUnknownForAnIdThatCarriesNoTime() {
    KvDurableQueue other = new KvDurableQueue(store, "jobs", "job_ids", () -> "FIXED-ID");
    try (KvBatch batch = store.newBatch()) {
      other.enqueue(batch, T0, new byte[0]);
      store.write(batch, Durability.WAL);
    }
    assertEquals(Optional.empty(), other.enqueuedAt(other.find("FIXED-ID").orElseThrow()));
  }
}
