package org.coordo.storage.pg;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.coordo.storage.Job;
import org.coordo.storage.Durability;
import org.coordo.storage.Keys;
import org.coordo.storage.KvBatch;
import org.coordo.storage.queue.JobIds;
import org.coordo.storage.testkit.PgTestDatabase;
import org.coordo.storage.testkit.PgTestStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A process loses its owner name's connection, and another process starting meanwhile takes the name: the first
 * takes another free name and its queues claim under it, releasing first what a dead holder of that name leased;
 * while it holds no name, its queues claim nothing.
 */
class PgOwnershipTakeoverTest {
  private static final Duration LEASE = Duration.ofMinutes(10);
  @RegisterExtension final PgTestStore pg = new PgTestStore("records");
  private PgKvStore store;
  private PgTestDatabase database;

  @BeforeEach
  void open() {
    store = pg.store();
    database = pg.database();
  }

  @Test
  void aProcessWhoseNameWasTakenDuringAnOutageClaimsUnderAnotherName() {
    Clock clock = Clock.systemUTC();
    // the first process; after losing its connection it waits 3 s before taking its name again
    PgOwnership first = PgOwnership.acquire(PgTestDatabase.vertx(), database.options(), "takeover", 3_000);
    PgOwnership second = null;
    try {
      assertEquals("takeover-0", first.name());
      PgDurableQueue firstQueue = new PgDurableQueue(store, "jobs", new JobIds(clock, new SecureRandom()), clock, first);
      String leasedByFirst = enqueue(firstQueue);
      assertEquals(leasedByFirst, single(firstQueue.claim(Instant.now(), 10, LEASE)));
      // a dead process once held "takeover-1" and leased a job under it
      PgDurableQueue deadHolder = new PgDurableQueue(store, "jobs", clock, "takeover-1");
      String orphan = enqueue(deadHolder);
      assertEquals(orphan, single(deadHolder.claim(Instant.now(), 10, LEASE)));

      // the first process's connection breaks (as when PostgreSQL restarts)
      store.await(store.pool().preparedQuery("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
          + " AND objsubid = 2 AND classid::int8 = $1 AND objid = 0")
          .execute(Tuple.of(Integer.toUnsignedLong(PgOwnership.lockSpace("takeover")))), "terminate", "test");
      await(() -> !first.held(), "the first process sees its name lost");
      assertNull(firstQueue.owner());
      String dueMeanwhile = enqueue(firstQueue);
      assertEquals(Set.of(), ids(firstQueue.claim(Instant.now(), 10, LEASE)), "no claim while no name is held");

      // a second process starts and takes the free name, releasing its leases as a starting process does
      second = PgOwnership.acquire(store, "takeover");
      assertEquals("takeover-0", second.name());
      PgDurableQueue secondQueue = new PgDurableQueue(store, "jobs", new JobIds(clock, new SecureRandom()), clock, second);
      assertEquals(1, secondQueue.releaseLeases(Instant.now()), "the job the first process had leased");

      // the first process takes a name again: not its own (held), the next free one
      await(() -> first.takes() == 2, "the first process takes a name again");
      assertTrue(first.held());
      assertEquals("takeover-1", first.name());
      assertEquals(2, countHeld(), "two names held, one each");
      assertEquals(Set.of(orphan, leasedByFirst, dueMeanwhile), ids(firstQueue.claim(Instant.now(), 10, LEASE)),
          "under its new name: the dead holder's lease released, and the jobs due");
      assertEquals("takeover-1", leaseOwner(orphan));
      assertEquals("takeover-1", leaseOwner(dueMeanwhile));
      assertEquals(0, secondQueue.claim(Instant.now(), 10, LEASE).size(), "no job is claimed by both");
    } finally {
      first.close();
      if (second != null) {
        second.close();
      }
    }
    assertFalse(first.held(), "closed");
  }

  private long countHeld() {
    return store.await(store.pool().preparedQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
        + " AND granted AND objsubid = 2 AND classid::int8 = $1")
        .execute(Tuple.of(Integer.toUnsignedLong(PgOwnership.lockSpace("takeover")))), "count", "test")
        .iterator().next().getLong(0);
  }

  private String leaseOwner(String id) {
    return store.await(store.pool().preparedQuery("SELECT owner FROM coordo_jobs WHERE queue = 'jobs' AND id = $1")
        .execute(Tuple.of(id)), "owner", "test").iterator().next().getString(0);
  }

  private String enqueue(PgDurableQueue queue) {
    try (KvBatch batch = store.newBatch()) {
      String id = queue.enqueue(batch, Instant.now().minusSeconds(1), Keys.utf8("job"));
      store.write(batch, Durability.WAL);
      return id;
    }
  }

  private static String single(java.util.List<Job> jobs) {
    assertEquals(1, jobs.size(), jobs.toString());
    return jobs.get(0).id();
  }

  private static Set<String> ids(java.util.List<Job> jobs) {
    return jobs.stream().map(Job::id).collect(Collectors.toSet());
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + ": not within 20 s");
      try {
        Thread.sleep(20); // a deadline poll: the name is watched and taken again on the event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
