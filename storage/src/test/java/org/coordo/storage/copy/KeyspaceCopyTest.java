package org.coordo.storage.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coordo.storage.Durability;
import org.coordo.storage.Job;
import org.coordo.storage.Keys;
import org.coordo.storage.KvBatch;
import org.coordo.storage.queue.KvDurableQueue;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copying a keyspace and a queue between two stores, and the check that finds a difference. */
class KeyspaceCopyTest {
  @TempDir Path tmp;

  @Test
  void copiesInBatchesAndTheCheckPassesThenFindsAChangedValueAndAMissingKey() {
    try (RocksKvStore source = TestStores.openRocks(tmp.resolve("s"));
        RocksKvStore target = TestStores.openRocks(tmp.resolve("t"))) {
      try (KvBatch batch = source.newBatch()) {
        for (int i = 0; i < 2_500; i++) {
          batch.put(source.keyspace("a"), Keys.intBE(i), Keys.utf8("value " + i));
        }
        source.write(batch, Durability.SYNC);
      }
      List<Long> progress = new ArrayList<>();
      assertEquals(2_500, KeyspaceCopy.copy(source, target, "a", 1_000, progress::add));
      assertEquals(List.of(1_000L, 2_000L, 2_500L), progress);
      KeyspaceCopy.Check ok = KeyspaceCopy.verify(source, target, "a", 1_000);
      assertTrue(ok.ok(), ok.mismatches().toString());
      assertEquals(4, ok.sampled(), "keys 0, 1000, 2000 and the last");

      target.keyspace("a").put(Keys.intBE(2_499), Keys.utf8("changed"));
      KeyspaceCopy.Check changed = KeyspaceCopy.verify(source, target, "a", 1_000);
      assertFalse(changed.ok());
      assertEquals(List.of("sampled key #3 has a different value in the target"), changed.mismatches());

      target.keyspace("a").delete(Keys.intBE(1_000));
      KeyspaceCopy.Check missing = KeyspaceCopy.verify(source, target, "a", 1_000);
      assertEquals(List.of("source has 2500 entries, target 2499", "sampled key #1 is missing in the target",
          "sampled key #3 has a different value in the target"), missing.mismatches());
      assertTrue(KeyspaceCopy.isEmpty(target, "b"));
      assertFalse(KeyspaceCopy.isEmpty(target, "a"));
    }
  }

  @Test
  void aQueueCopyKeepsDueTimesAndPayloadsAndMakesLeasedJobsDueNow() {
    Instant t0 = Instant.parse("2026-12-05T10:00:00Z");
    try (RocksKvStore source = TestStores.openRocks(tmp.resolve("s"));
        RocksKvStore target = TestStores.openRocks(tmp.resolve("t"))) {
      KvDurableQueue from = new KvDurableQueue(source, "a", "b");
      try (KvBatch batch = source.newBatch()) {
        from.enqueue(batch, t0, Keys.utf8("leased"));
        from.enqueue(batch, t0.plusSeconds(3600), Keys.utf8("later"));
        source.write(batch, Durability.SYNC);
      }
      Job leased = from.claim(t0, 1, Duration.ofMinutes(10)).get(0);
      KvDurableQueue to = new KvDurableQueue(target, "a", "b");
      assertEquals(2, from.copyTo(to, target, t0.plusSeconds(60), 1));
      assertEquals(2, from.size(), "the source is left as it was");
      assertEquals(2, from.copyTo(to, target, t0.plusSeconds(60), 1), "a second copy reads them again");
      assertEquals(2, to.size(), "and adds nothing");
      List<Job> due = to.claim(t0.plusSeconds(60), 10, Duration.ofMinutes(1));
      assertEquals(List.of("leased"), due.stream().map(j -> new String(j.payload(), java.nio.charset.StandardCharsets.UTF_8)).toList());
      assertEquals(leased.id(), due.get(0).id(), "the job keeps its id");
      assertEquals(2, due.get(0).attempts(), "and its attempts: one before the copy, one after");
      assertEquals(from.enqueuedAt(leased), to.enqueuedAt(due.get(0)), "and its age");
      due.forEach(to::ack);
      assertEquals(1, to.claim(t0.plusSeconds(3600), 10, Duration.ofMinutes(1)).size(), "the later job, at its time");
    }
  }
}
