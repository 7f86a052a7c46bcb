package org.coordo.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A work queue on disk, ordered by due time. Jobs are claimed with a lease: a claimed job that is
 * neither acknowledged nor rescheduled before its lease ends becomes due again (its worker died).
 *
 * <p>A queue object claims on behalf of an <em>owner</em>, and each lease records it. The owner
 * names one consuming process, stays the same across its restarts, and is used by at most one live
 * process at a time. So the leases an owner finds at start were taken by a previous run of the same
 * process, which is gone, and {@link #releaseLeases} makes them due again at once. The lease itself
 * still covers an owner that never comes back. With one process per store (RocksDB allows only one),
 * the owner can be a constant. If several processes share a database, each one needs its own stable
 * name and must hold it exclusively while it runs (for example with a database advisory lock).
 *
 * <p>This is the whole contract the delivery worker relies on; a second backend (PostgreSQL, several
 * processes) honours each method as documented here, and passes the storage module's {@code
 * DurableQueueContract} test suite. Every method may block (disk, network): callers run it on a worker
 * thread. Methods are safe to call from several threads, and from several processes under different
 * owners: a due job is claimed by one claimer only.
 */
public interface DurableQueue {

  /** Adds a job to the batch, so that it is written with the records it belongs to. Returns its id. */
  String enqueue(KvBatch batch, Instant dueAt, byte[] payload);

  /**
   * Claims up to {@code max} jobs due at {@code now} (earliest first), each leased for {@code
   * lease}: the returned job is due again at {@code now + lease} and counts one more attempt.
   */
  List<Job> claim(Instant now, int max, Duration lease);

  /**
   * Makes every job leased by this queue's owner due at {@code now}, keeping its attempt count.
   * Call it at start, before the first claim: it hands back what a previous run of this process
   * claimed and never finished (it was killed), instead of letting those jobs wait for their lease.
   * Returns how many jobs it released.
   */
  int releaseLeases(Instant now);

  /** Done: the job is removed. */
  void ack(Job job);

  /**
   * Not done: the job becomes due again at {@code dueAt} (its attempt was counted when claimed).
   * Does nothing if the lease was lost meanwhile (acknowledged, or expired and claimed again).
   */
  void reschedule(Job job, Instant dueAt);

  /**
   * The job's current state (due time, attempts, payload), if it is still queued: waiting, or leased
   * by any owner. Empty once it was acknowledged. It does not claim the job; {@link #reschedule} of
   * the returned state makes it due at another time, unless it was claimed or moved since the find.
   */
  Optional<Job> find(String id);

  /**
   * When the job was enqueued, if this queue knows it (it is used to give up on jobs that waited too
   * long): ids made by {@link org.coordo.storage.queue.JobIds} carry their creation time; a backend
   * with other ids records the time with the job. Empty for an id that tells nothing (a queue built
   * with a custom id generator).
   */
  Optional<Instant> enqueuedAt(Job job);

  /** Jobs waiting or leased (by any owner). */
  long size();

  /**
   * Adds an existing job as it is — id, due time, attempts, payload — not leased, to the batch: for copying a queue
   * from another store ({@code migrate-storage}), so that a copied job keeps its attempts and its age. A job with
   * that id already in this queue is left as it is, so a copy can run again.
   *
   * @param enqueuedAt when the job was first enqueued ({@link #enqueuedAt} on the source)
   */
  void restore(KvBatch batch, Job job, Instant enqueuedAt);
}
