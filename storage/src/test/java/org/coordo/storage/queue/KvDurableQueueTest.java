package org.coordo.storage.queue;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.coordo.storage.Durability;
import org.coordo.storage.Job;
import org.coordo.storage.Keys;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.rocks.RocksKvStore;
import org.coordo.storage.testkit.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvDurableQueueTest {
  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(5);

  @TempDir Path dir;
  RocksKvStore store;
  KvDurableQueue queue;

  @BeforeEach
  void open() {
    store = TestStores.openRocks(dir, "jobs", "job_ids", "records");
    queue = new KvDurableQueue(store, "jobs", "job_ids");
  }

  @AfterEach
  void close() {
    store.close();
  }

  String enqueue(Instant due, String payload) {
    try (KvBatch batch = store.newBatch()) {
      String id = queue.enqueue(batch, due, Keys.utf8(payload));
      store.write(batch, Durability.WAL);
      return id;
    }
  }

  static List<String> ids(List<Job> jobs) {
    return jobs.stream().map(Job::id).toList();
  }

  static List<String> payloads(List<Job> jobs) {
    return jobs.stream().map(j -> new String(j.payload())).toList();
  }

  @Test
  void claimsDueJobsEarliestFirstAndLeavesFutureOnes() {
    enqueue(T0.plusSeconds(30), "c");
    enqueue(T0.plusSeconds(10), "a");
    enqueue(T0.plusSeconds(20), "b");
    enqueue(T0.plusSeconds(3600), "later");
    assertEquals(List.of(), queue.claim(T0, 10, LEASE));
    List<Job> claimed = queue.claim(T0.plusSeconds(30), 10, LEASE);
    assertEquals(List.of("a", "b", "c"), payloads(claimed));
    for (Job job : claimed) {
      assertEquals(1, job.attempts());
      assertEquals(T0.plusSeconds(30).plus(LEASE).toEpochMilli(), job.dueAtMillis());
    }
    assertEquals(4, queue.size());
  }

  @Test
  void claimRespectsMax() {
    for (int i = 0; i < 5; i++) {
      enqueue(T0.plusMillis(i), "j" + i);
    }
    assertEquals(List.of("j0", "j1"), payloads(queue.claim(T0.plusSeconds(1), 2, LEASE)));
    assertEquals(List.of("j2", "j3", "j4"), payloads(queue.claim(T0.plusSeconds(1), 10, LEASE)));
  }

  @Test
  void jobOfADeadWorkerComesBackWhenTheLeaseEnds() {
    String id = enqueue(T0, "work");
    Job first = queue.claim(T0, 1, LEASE).get(0);
    assertEquals(id, first.id());
    // the worker dies: no ack, no reschedule
    assertEquals(List.of(), queue.claim(T0.plus(LEASE).minusMillis(1), 1, LEASE));
    Job again = queue.claim(T0.plus(LEASE), 1, LEASE).get(0);
    assertEquals(id, again.id());
    assertEquals(2, again.attempts());
  }

  @Test
  void aRestartedOwnerGetsBackAtOnceTheJobsItsKilledRunLeased() {
    String leased = enqueue(T0, "leased");
    String waiting = enqueue(T0.plusSeconds(60), "waiting");
    assertEquals(List.of(leased), ids(queue.claim(T0, 10, LEASE)));
    // killed: no ack, no reschedule; the same owner opens the store again a second later
    store.close();
    store = TestStores.openRocks(dir, "jobs", "job_ids", "records");
    queue = new KvDurableQueue(store, "jobs", "job_ids");
    Instant restart = T0.plusSeconds(1);
    assertEquals(List.of(), queue.claim(restart, 10, LEASE), "still leased before the release");
    assertEquals(1, queue.releaseLeases(restart));
    assertEquals(0, queue.releaseLeases(restart), "released once");
    Job again = queue.claim(restart, 10, LEASE).get(0);
    assertEquals(leased, again.id());
    assertEquals(2, again.attempts(), "the killed run's attempt still counts");
    assertEquals(T0.plusSeconds(60).toEpochMilli(), queue.find(waiting).orElseThrow().dueAtMillis(),
        "a job nobody claimed keeps its due time");
  }

  @Test
  void releaseLeavesOtherOwnersLeasesAndFinishedJobsAlone() {
    KvDurableQueue other = new KvDurableQueue(store, "jobs", "job_ids", JobIds.system(), "worker-2");
    String theirs = enqueue(T0, "theirs");
    assertEquals(List.of(theirs), ids(other.claim(T0, 1, LEASE)));
    String acked = enqueue(T0.minusMillis(2), "acked");
    String rescheduled = enqueue(T0.minusMillis(1), "rescheduled");
    List<Job> mine = queue.claim(T0, 10, LEASE);
    assertEquals(List.of(acked, rescheduled), ids(mine));
    queue.ack(mine.get(0));
    queue.reschedule(mine.get(1), T0.plusSeconds(90));

    assertEquals(0, queue.releaseLeases(T0.plusSeconds(1)));
    assertEquals(T0.plus(LEASE).toEpochMilli(), queue.find(theirs).orElseThrow().dueAtMillis());
    assertEquals(T0.plusSeconds(90).toEpochMilli(), queue.find(rescheduled).orElseThrow().dueAtMillis());
    assertEquals(1, other.releaseLeases(T0.plusSeconds(1)));
    assertEquals(T0.plusSeconds(1).toEpochMilli(), queue.find(theirs).orElseThrow().dueAtMillis());
  }

  @Test
  void aJobClaimedAgainAfterItsLeaseEndedBelongsToTheNewOwner() {
    KvDurableQueue other = new KvDurableQueue(store, "jobs", "job_ids", JobIds.system(), "worker-2");
    String id = enqueue(T0, "work");
    queue.claim(T0, 1, LEASE);
    assertEquals(List.of(id), ids(other.claim(T0.plus(LEASE), 1, LEASE)));
    assertEquals(0, queue.releaseLeases(T0.plus(LEASE)));
    assertEquals(1, other.releaseLeases(T0.plus(LEASE)));
  }

  @Test
  void ownerNamesArePrintableAscii() {
    for (String bad : new String[] {"", "a b", "é", "x".repeat(65)}) {
      assertThrows(IllegalArgumentException.class,
          () -> new KvDurableQueue(store, "jobs", "job_ids", JobIds.system(), bad), bad);
    }
    assertEquals("node", queue.owner());
  }

  @Test
  void ackRemovesTheJobForGood() {
    enqueue(T0, "work");
    Job job = queue.claim(T0, 1, LEASE).get(0);
    queue.ack(job);
    queue.ack(job); // twice is harmless
    assertEquals(0, queue.size());
    assertEquals(List.of(), queue.claim(T0.plus(Duration.ofDays(1)), 10, LEASE));
  }

  @Test
  void lateAckStillRemovesAJobClaimedAgain() {
    enqueue(T0, "work");
    Job slow = queue.claim(T0, 1, LEASE).get(0);
    Job second = queue.claim(T0.plus(LEASE), 1, LEASE).get(0);
    queue.ack(slow);
    assertEquals(0, queue.size());
    queue.ack(second);
    assertEquals(0, queue.size());
  }

  @Test
  void rescheduleMakesItDueAtTheNewTimeKeepingAttempts() {
    enqueue(T0, "work");
    Job job = queue.claim(T0, 1, LEASE).get(0);
    Instant retryAt = T0.plusSeconds(90);
    queue.reschedule(job, retryAt);
    assertEquals(retryAt.toEpochMilli(), queue.find(job.id()).orElseThrow().dueAtMillis());
    assertEquals(List.of(), queue.claim(retryAt.minusMillis(1), 1, LEASE));
    Job retried = queue.claim(retryAt, 1, LEASE).get(0);
    assertEquals(job.id(), retried.id());
    assertEquals(2, retried.attempts());
    assertEquals(1, queue.size());
  }

  @Test
  void rescheduleAfterTheLeaseWasLostDoesNothing() {
    enqueue(T0, "work");
    Job slow = queue.claim(T0, 1, LEASE).get(0);
    Job current = queue.claim(T0.plus(LEASE), 1, LEASE).get(0);
    queue.reschedule(slow, T0.plusSeconds(1));
    assertEquals(current.dueAtMillis(), queue.find(current.id()).orElseThrow().dueAtMillis());
    assertEquals(1, queue.size());
    queue.ack(current);
    queue.reschedule(current, T0); // acknowledged: nothing comes back
    assertEquals(0, queue.size());
  }

  @Test
  void enqueueIsAtomicWithTheRecordItBelongsTo() {
    try (KvBatch batch = store.newBatch()) {
      store.keyspace("records").put(Keys.utf8("unrelated"), Keys.utf8("x"));
      batch.put(store.keyspace("records"), Keys.utf8("call/1"), Keys.utf8("record"));
      queue.enqueue(batch, T0, Keys.utf8("deliver call/1"));
      // never written
    }
    assertEquals(0, queue.size());
    assertTrue(store.keyspace("records").find(Keys.utf8("call/1")).isEmpty());

    try (KvBatch batch = store.newBatch()) {
      batch.put(store.keyspace("records"), Keys.utf8("call/1"), Keys.utf8("record"));
      queue.enqueue(batch, T0, Keys.utf8("deliver call/1"));
      queue.enqueue(batch, T0, Keys.utf8("deliver call/1 to host 2"));
      store.write(batch, Durability.SYNC);
    }
    assertEquals(2, queue.size());
    assertTrue(store.keyspace("records").find(Keys.utf8("call/1")).isPresent());
  }

  @Test
  void jobsSurviveReopen() {
    enqueue(T0, "persisted");
    store.close();
    store = TestStores.openRocks(dir, "jobs", "job_ids", "records");
    queue = new KvDurableQueue(store, "jobs", "job_ids");
    assertEquals(List.of("persisted"), payloads(queue.claim(T0, 10, LEASE)));
  }

  @Test
  void concurrentClaimersNeverGetTheSameJob() throws Exception {
    int jobs = 2000;
    try (KvBatch batch = store.newBatch()) {
      for (int i = 0; i < jobs; i++) {
        queue.enqueue(batch, T0.plusMillis(i % 50), Keys.intBE(i));
      }
      store.write(batch, Durability.WAL);
    }
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ConcurrentLinkedQueue<String> claimed = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> workers = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Job> batch;
                  while (!(batch = queue.claim(T0.plusSeconds(1), 7, LEASE)).isEmpty()) {
                    batch.forEach(job -> claimed.add(job.id()));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Set<String> unique = new HashSet<>(claimed);
    assertEquals(jobs, claimed.size(), "claims");
    assertEquals(jobs, unique.size(), "distinct jobs");
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
}
