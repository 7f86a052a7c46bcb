package org.coordo.storage.pg;

import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.Job;
import org.coordo.storage.KvBatch;
import org.coordo.storage.queue.JobIds;

/**
 * A {@link DurableQueue} in the table {@code coordo_jobs} of a {@link PgKvStore}, shared by every
 * process that opens the database. One table holds every queue (column {@code queue}):
 *
 * <pre>
 * coordo_jobs (queue, id) PK: due_at (epoch ms), attempts, owner (while leased), enqueued_at, payload
 * index (queue, due_at, id): claims;   partial index (queue, owner) where owner is set: releases
 * </pre>
 *
 * <p>{@link #claim} is one statement: it locks the earliest due rows with {@code FOR UPDATE SKIP
 * LOCKED} and moves them to {@code now + lease} with one more attempt and this owner. A concurrent
 * claimer in any process skips the rows being claimed, and once the claim commits it no longer finds
 * them due (PostgreSQL re-checks {@code due_at} on the updated row), so a due job goes to one claimer.
 * {@link #reschedule} only moves a job whose due time is still the one its claim set (the lease is
 * held). {@link #enqueue} adds its insert to the {@link KvBatch}, which commits it in the same
 * transaction as the records it belongs to.
 *
 * <p>Owners: each process must claim under its own name, held exclusively while it runs; {@link
 * PgOwnership} hands out such names ({@code prefix-0}, {@code prefix-1}, ...) with advisory locks.
 * Times are the callers' clocks (as on RocksDB): keep the processes' clocks in sync (NTP).
 */
public final class PgDurableQueue implements DurableQueue {
  private final PgKvStore store;
  private final String name;
  private final Supplier<String> idGenerator;
  private final Clock clock;
  /** The name claimed under now; null while the process holds none (see {@link PgOwnership}). */
  private final Supplier<String> owner;
  /** The name of the last claim, to notice a change of name. */
  private String claimedAs;

  /**
   * @param name the queue's name in {@code coordo_jobs} (for example the keyspace name RocksDB uses)
   * @param idGenerator job ids (unique, at most 64 ASCII characters)
   * @param clock the time recorded as {@link #enqueuedAt}
   * @param owner the name this queue claims under, 1 to 64 printable ASCII characters
   */
  public PgDurableQueue(PgKvStore store, String name, Supplier<String> idGenerator, Clock clock, String owner) {
    this(store, name, idGenerator, clock, checkedOwner(owner), () -> owner);
  }

  private PgDurableQueue(PgKvStore store, String name, Supplier<String> idGenerator, Clock clock, String firstOwner,
      Supplier<String> owner) {
    if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("queue name must be 1 to 64 letters, digits, '_', '.' or '-'");
    }
    this.store = store;
    this.name = name;
    this.idGenerator = idGenerator;
    this.clock = clock;
    this.owner = owner;
    this.claimedAs = firstOwner;
  }

  private static String checkedOwner(String owner) {
    if (owner == null || !owner.matches("[!-~]{1,64}")) {
      throw new IllegalArgumentException("queue owner must be 1 to 64 printable ASCII characters");
    }
    return owner;
  }

  /** {@link JobIds} made at {@code clock}'s time. */
  public PgDurableQueue(PgKvStore store, String name, Clock clock, String owner) {
    this(store, name, new JobIds(clock, new SecureRandom()), clock, owner);
  }

  /**
   * A queue that claims under this process's owner name as it is now: nothing while the process holds no name
   * (PostgreSQL unreachable, until the name is taken again), and under the new name after {@code ownership}
   * had to take another one, releasing first what a dead former holder of that name leased.
   */
  public PgDurableQueue(PgKvStore store, String name, Supplier<String> idGenerator, Clock clock, PgOwnership ownership) {
    this(store, name, idGenerator, clock, checkedOwner(ownership.name()),
        () -> ownership.held() ? ownership.name() : null);
  }

  /** The name this queue claims under now, or null while the process holds none. */
  public String owner() {
    return owner.get();
  }

  public String name() {
    return name;
  }

  @Override
  public String enqueue(KvBatch batch, Instant dueAt, byte[] payload) {
    if (!(batch instanceof PgBatch pgBatch) || !pgBatch.belongsTo(store)) {
      throw new IllegalArgumentException("batch was not created by this queue's store");
    }
    String id = idGenerator.get();
    pgBatch.add(
        "INSERT INTO coordo_jobs (queue, id, due_at, attempts, owner, enqueued_at, payload) "
            + "VALUES ($1, $2, $3, 0, NULL, $4, $5)",
        Tuple.of(name, id, millis(dueAt), clock.millis(), Buffer.buffer(payload)));
    return id;
  }

  @Override
  public void restore(KvBatch batch, Job job, Instant enqueuedAt) {
    if (!(batch instanceof PgBatch pgBatch) || !pgBatch.belongsTo(store)) {
      throw new IllegalArgumentException("batch was not created by this queue's store");
    }
    pgBatch.add(
        "INSERT INTO coordo_jobs (queue, id, due_at, attempts, owner, enqueued_at, payload) "
            + "VALUES ($1, $2, $3, $4, NULL, $5, $6) ON CONFLICT (queue, id) DO NOTHING",
        Tuple.of(name, job.id(), job.dueAtMillis(), job.attempts(), millis(enqueuedAt), Buffer.buffer(job.payload())));
  }

  @Override
  public List<Job> claim(Instant now, int max, Duration lease) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    if (lease.isNegative()) {
      throw new IllegalArgumentException("lease must not be negative");
    }
    long nowMillis = millis(now);
    long leasedUntil = nowMillis + lease.toMillis();
    String owner = this.owner.get();
    if (owner == null) {
      return List.of(); // the process holds no owner name now: claiming under none could collide with another
    }
    if (newName(owner)) {
      releaseLeases(owner, now); // what a dead former holder of this name leased
    }
    RowSet<Row> rows = store.await(store.pool().preparedQuery("""
            WITH picked AS (
              SELECT id, due_at AS was_due FROM coordo_jobs
              WHERE queue = $1 AND due_at <= $2
              ORDER BY due_at, id LIMIT $3
              FOR UPDATE SKIP LOCKED)
            UPDATE coordo_jobs j SET due_at = $4, attempts = j.attempts + 1, owner = $5
            FROM picked WHERE j.queue = $1 AND j.id = picked.id
            RETURNING j.id, j.attempts, j.payload, picked.was_due""")
        .execute(Tuple.of(name, nowMillis, max, leasedUntil, owner)), "queue claim", name);
    record Claimed(long wasDue, Job job) {}
    List<Claimed> claimed = new ArrayList<>(rows.size());
    for (Row row : rows) {
      claimed.add(new Claimed(row.getLong(3),
          new Job(row.getString(0), leasedUntil, row.getInteger(1), row.getBuffer(2).getBytes())));
    }
    claimed.sort(Comparator.comparingLong(Claimed::wasDue).thenComparing(c -> c.job().id()));
    return claimed.stream().map(Claimed::job).toList();
  }

  /** True the first time a claim runs under {@code owner} after claims under another name. */
  private synchronized boolean newName(String owner) {
    if (owner.equals(claimedAs)) {
      return false;
    }
    claimedAs = owner;
    return true;
  }

  @Override
  public int releaseLeases(Instant now) {
    String owner = this.owner.get();
    if (owner == null) {
      return 0;
    }
    newName(owner);
    return releaseLeases(owner, now);
  }

  private int releaseLeases(String owner, Instant now) {
    RowSet<Row> rows = store.await(store.pool()
        .preparedQuery("UPDATE coordo_jobs SET due_at = $3, owner = NULL WHERE queue = $1 AND owner = $2")
        .execute(Tuple.of(name, owner, millis(now))), "queue release", name);
    return rows.rowCount();
  }

  @Override
  public void ack(Job job) {
    store.await(store.pool().preparedQuery("DELETE FROM coordo_jobs WHERE queue = $1 AND id = $2")
        .execute(Tuple.of(name, job.id())), "queue ack", name);
  }

  @Override
  public void reschedule(Job job, Instant dueAt) {
    store.await(store.pool()
        .preparedQuery("UPDATE coordo_jobs SET due_at = $3, owner = NULL WHERE queue = $1 AND id = $2 AND due_at = $4")
        .execute(Tuple.of(name, job.id(), millis(dueAt), job.dueAtMillis())), "queue reschedule", name);
  }

  @Override
  public Optional<Job> find(String id) {
    RowSet<Row> rows = store.await(store.pool()
        .preparedQuery("SELECT due_at, attempts, payload FROM coordo_jobs WHERE queue = $1 AND id = $2")
        .execute(Tuple.of(name, id)), "queue find", name);
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row row = rows.iterator().next();
    return Optional.of(new Job(id, row.getLong(0), row.getInteger(1), row.getBuffer(2).getBytes()));
  }

  /** The time recorded at enqueue; for a job no longer queued, the time in a {@link JobIds} id, if any. */
  @Override
  public Optional<Instant> enqueuedAt(Job job) {
    RowSet<Row> rows = store.await(store.pool()
        .preparedQuery("SELECT enqueued_at FROM coordo_jobs WHERE queue = $1 AND id = $2")
        .execute(Tuple.of(name, job.id())), "queue find", name);
    if (rows.size() > 0) {
      return Optional.of(Instant.ofEpochMilli(rows.iterator().next().getLong(0)));
    }
    try {
      return Optional.of(Instant.ofEpochMilli(JobIds.millisOf(job.id())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public long size() {
    RowSet<Row> rows = store.await(store.pool()
        .preparedQuery("SELECT count(*) FROM coordo_jobs WHERE queue = $1").execute(Tuple.of(name)), "queue size", name);
    return rows.iterator().next().getLong(0);
  }

  private static long millis(Instant instant) {
    long millis = instant.toEpochMilli();
    if (millis < 0) {
      throw new IllegalArgumentException("queue times must not be before 1970");
    }
    return millis;
  }
}
