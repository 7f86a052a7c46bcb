package org.coordo.storage.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.coordo.storage.Durability;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.Job;
import org.coordo.storage.Keys;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link DurableQueue} must do: each method of the interface, as the delivery worker relies
 * on it (claim with a lease, release at start, ack, reschedule, find, enqueue time, size), including
 * leases held by several owners. A backend's test extends this and implements {@link #openStore} and
 * {@link #queue(KvStore, String, Clock)}. The store under test has a keyspace "records" besides what
 * the queue needs.
 */
public abstract class DurableQueueContract {
  protected static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  protected static final Duration LEASE = Duration.ofMinutes(5);
  /** The owner of {@link #queue}: the one a single-process node uses. */
  protected static final String OWNER = "node";

  @TempDir protected Path dir;
  protected KvStore store;
  protected DurableQueue queue;

  /** Opens (or reopens) the store under test in {@code dir}, with keyspace "records". */
  protected abstract KvStore openStore(Path dir);

  /** A queue on {@code store} claiming as {@code owner}, whose ids are made at {@code clock}'s time. */
  protected abstract DurableQueue queue(KvStore store, String owner, Clock clock);

  /** A queue on {@code store} claiming as {@code owner}, on the system clock. */
  protected DurableQueue queue(KvStore store, String owner) {
    return queue(store, owner, Clock.systemUTC());
  }

  @BeforeEach
  void open() {
    reopen();
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Opens the store again and makes {@link #queue} on it, as a restarted process would. */
  protected void reopen() {
    store = openStore(dir);
    queue = queue(store, OWNER);
  }

  protected String enqueue(Instant due, String payload) {
    return enqueue(queue, due, payload);
  }

  protected String enqueue(DurableQueue into, Instant due, String payload) {
    try (KvBatch batch = store.newBatch()) {
      String id = into.enqueue(batch, due, Keys.utf8(payload));
      store.write(batch, Durability.WAL);
      return id;
    }
  }

  protected static List<String> ids(List<Job> jobs) {
    return jobs.stream().map(Job::id).toList();
  }

  protected static List<String> payloads(List<Job> jobs) {
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
    reopen();
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
    DurableQueue other = queue(store, "worker-2");
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
    DurableQueue other = queue(store, "worker-2");
    String id = enqueue(T0, "work");
    queue.claim(T0, 1, LEASE);
    assertEquals(List.of(id), ids(other.claim(T0.plus(LEASE), 1, LEASE)));
    assertEquals(0, queue.releaseLeases(T0.plus(LEASE)));
    assertEquals(1, other.releaseLeases(T0.plus(LEASE)));
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
    reopen();
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
  void findShowsAJobsCurrentStateUntilItIsAcknowledged() {
    assertEquals(Optional.empty(), queue.find("no-such-job"));
    String id = enqueue(T0.plusSeconds(10), "work");
    Job waiting = queue.find(id).orElseThrow();
    assertEquals(id, waiting.id());
    assertEquals(0, waiting.attempts());
    assertEquals(T0.plusSeconds(10).toEpochMilli(), waiting.dueAtMillis());
    assertEquals("work", new String(waiting.payload()));
    Job claimed = queue.claim(T0.plusSeconds(10), 1, LEASE).get(0);
    Job leased = queue.find(id).orElseThrow();
    assertEquals(claimed.dueAtMillis(), leased.dueAtMillis());
    assertEquals(1, leased.attempts());
    queue.ack(claimed);
    assertEquals(Optional.empty(), queue.find(id));
  }

  @Test
  void aDeferredJobFoundAgainCanBeMadeDueAtOnce() {
    // What the delivery worker does when a host comes back: find the job it deferred, reschedule it to now.
    String id = enqueue(T0, "work");
    Job claimed = queue.claim(T0, 1, LEASE).get(0);
    queue.reschedule(claimed, T0.plus(Duration.ofHours(1)));
    Instant back = T0.plusSeconds(5);
    queue.reschedule(queue.find(id).orElseThrow(), back);
    assertEquals(List.of(id), ids(queue.claim(back, 10, LEASE)));
  }

  @Test
  void aFoundStateIsStaleOnceTheJobWasClaimedAgain() {
    String id = enqueue(T0, "work");
    Job found = queue.find(id).orElseThrow();
    Job claimed = queue.claim(T0, 1, LEASE).get(0);
    queue.reschedule(found, T0);
    assertEquals(claimed.dueAtMillis(), queue.find(id).orElseThrow().dueAtMillis(), "the lease holds");
  }

  @Test
  void enqueuedAtIsWhenTheJobWasEnqueued() {
    DurableQueue fixed = queue(store, OWNER, Clock.fixed(T0.minusSeconds(30), ZoneOffset.UTC));
    enqueue(fixed, T0, "work");
    Job claimed = fixed.claim(T0, 1, LEASE).get(0);
    assertEquals(Optional.of(T0.minusSeconds(30)), fixed.enqueuedAt(claimed));
    fixed.reschedule(claimed, T0.plusSeconds(60));
    assertEquals(Optional.of(T0.minusSeconds(30)), fixed.enqueuedAt(fixed.find(claimed.id()).orElseThrow()),
        "rescheduling does not change it");
  }

  @Test
  void sizeCountsWaitingAndLeasedJobsOfEveryOwner() {
    DurableQueue other = queue(store, "worker-2");
    assertEquals(0, queue.size());
    enqueue(T0, "mine");
    enqueue(T0.plusMillis(1), "theirs");
    enqueue(T0.plusSeconds(60), "waiting");
    queue.claim(T0, 1, LEASE);
    other.claim(T0.plusMillis(1), 1, LEASE);
    assertEquals(3, queue.size());
    assertEquals(3, other.size());
  }
}
