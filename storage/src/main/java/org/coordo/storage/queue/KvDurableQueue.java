package org.coordo.storage.queue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.coordo.storage.Durability;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.Job;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.StorageException;

/**
 * A {@link DurableQueue} on two keyspaces of any {@link KvStore}.
 *
 * <pre>
 * jobs: longBE(dueAtMillis) ‖ ascii(id)  →  intBE(attempts) ‖ payload
 * ids:  ascii(id)                        →  longBE(dueAtMillis) [‖ utf8(owner) while leased]
 * </pre>
 *
 * Claiming is a range scan of {@code jobs} up to now; a claimed job is re-keyed to {@code now +
 * lease} (so it is claimable again if never acknowledged) with one more attempt, and its {@code ids}
 * entry names the claiming owner, in one batch. The {@code ids} index lets {@link #ack} and {@link
 * #reschedule} find a job whatever its current due time, and {@link #releaseLeases} find the jobs
 * an owner holds (a scan of the index, done once at start). Claim, ack, reschedule and release are
 * serialized by one lock, so concurrent claimers never get the same job. Delivery is at least once:
 * a worker that outlives its lease, or is killed after doing a job but before acknowledging it, may
 * run a job twice. Index entries written before owners were recorded (8 bytes) read as not leased
 * by anyone: such a job waits out its lease once.
 */
public final class KvDurableQueue implements DurableQueue {
  private final KvStore store;
  private final Keyspace jobs;
  private final Keyspace ids;
  private final Supplier<String> idGenerator;
  private final String owner;
  private final byte[] ownerBytes;
  private final ReentrantLock lock = new ReentrantLock();

  /** The owner of a store that one process at a time opens (RocksDB): every lease is this process's. */
  public static final String SINGLE_PROCESS = "node";

  /**
   * @param owner the name this queue claims under (see {@link DurableQueue}): 1 to 64 printable ASCII
   *     characters
   */
  public KvDurableQueue(
      KvStore store, String jobsKeyspace, String idsKeyspace, Supplier<String> idGenerator, String owner) {
    if (owner == null || !owner.matches("[!-~]{1,64}")) {
      throw new IllegalArgumentException("queue owner must be 1 to 64 printable ASCII characters");
    }
    this.store = store;
    this.jobs = store.keyspace(jobsKeyspace);
    this.ids = store.keyspace(idsKeyspace);
    this.idGenerator = idGenerator;
    this.owner = owner;
    this.ownerBytes = owner.getBytes(StandardCharsets.US_ASCII);
  }

  /** A queue owned by {@link #SINGLE_PROCESS}. */
  public KvDurableQueue(KvStore store, String jobsKeyspace, String idsKeyspace, Supplier<String> idGenerator) {
    this(store, jobsKeyspace, idsKeyspace, idGenerator, SINGLE_PROCESS);
  }

  /** A queue owned by {@link #SINGLE_PROCESS}, with {@link JobIds#system()} ids. */
  public KvDurableQueue(KvStore store, String jobsKeyspace, String idsKeyspace) {
    this(store, jobsKeyspace, idsKeyspace, JobIds.system());
  }

  /** The name this queue claims under. */
  public String owner() {
    return owner;
  }

  @Override
  public String enqueue(KvBatch batch, Instant dueAt, byte[] payload) {
    long due = millis(dueAt);
    String id = idGenerator.get();
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    batch.put(jobs, jobKey(due, idBytes), value(0, payload));
    batch.put(ids, idBytes, Keys.longBE(due));
    return id;
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
    List<Job> claimed = new ArrayList<>();
    lock.lock();
    try (KvBatch batch = store.newBatch()) {
      try (KvIterator due = jobs.scan(null, Keys.longBE(nowMillis + 1), false)) {
        while (claimed.size() < max && due.hasNext()) {
          KvEntry entry = due.next();
          byte[] idBytes = Keys.dropPrefix(entry.key(), 8);
          int attempts = Keys.readInt(entry.value(), 0) + 1;
          byte[] payload = Arrays.copyOfRange(entry.value(), 4, entry.value().length);
          batch.delete(jobs, entry.key());
          batch.put(jobs, jobKey(leasedUntil, idBytes), value(attempts, payload));
          batch.put(ids, idBytes, Keys.concat(Keys.longBE(leasedUntil), ownerBytes));
          claimed.add(new Job(new String(idBytes, StandardCharsets.US_ASCII), leasedUntil, attempts, payload));
        }
      }
      if (!claimed.isEmpty()) {
        store.write(batch, Durability.WAL);
      }
      return claimed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int releaseLeases(Instant now) {
    long nowMillis = millis(now);
    int released = 0;
    lock.lock();
    try (KvBatch batch = store.newBatch()) {
      try (KvIterator index = ids.scan(null, null, false)) {
        while (index.hasNext()) {
          KvEntry entry = index.next();
          byte[] state = entry.value();
          if (state.length == 8 + ownerBytes.length
              && Arrays.equals(state, 8, state.length, ownerBytes, 0, ownerBytes.length)) {
            byte[] idBytes = entry.key();
            byte[] oldKey = jobKey(Keys.readLong(state, 0), idBytes);
            byte[] value =
                jobs.find(oldKey).orElseThrow(() -> new StorageException("queue index points to a missing job"));
            batch.delete(jobs, oldKey);
            batch.put(jobs, jobKey(nowMillis, idBytes), value);
            batch.put(ids, idBytes, Keys.longBE(nowMillis));
            released++;
          }
        }
      }
      if (released > 0) {
        store.write(batch, Durability.WAL);
      }
      return released;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void ack(Job job) {
    byte[] idBytes = job.id().getBytes(StandardCharsets.US_ASCII);
    lock.lock();
    try (KvBatch batch = store.newBatch()) {
      Optional<Long> due = currentDue(idBytes);
      if (due.isEmpty()) {
        return; // already acknowledged
      }
      batch.delete(jobs, jobKey(due.get(), idBytes));
      batch.delete(ids, idBytes);
      store.write(batch, Durability.WAL);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Makes the job due at {@code dueAt}, keeping its attempt count (the attempt was counted when it
   * was claimed). Does nothing if the caller no longer holds the lease: the job was acknowledged,
   * or its lease ended and another worker claimed it.
   */
  @Override
  public void reschedule(Job job, Instant dueAt) {
    long newDue = millis(dueAt);
    byte[] idBytes = job.id().getBytes(StandardCharsets.US_ASCII);
    lock.lock();
    try (KvBatch batch = store.newBatch()) {
      Optional<Long> due = currentDue(idBytes);
      if (due.isEmpty() || due.get() != job.dueAtMillis()) {
        return; // lease lost
      }
      byte[] oldKey = jobKey(due.get(), idBytes);
      byte[] value =
          jobs.find(oldKey).orElseThrow(() -> new StorageException("queue index points to a missing job"));
      batch.delete(jobs, oldKey);
      batch.put(jobs, jobKey(newDue, idBytes), value);
      batch.put(ids, idBytes, Keys.longBE(newDue));
      store.write(batch, Durability.WAL);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Copies every job of this queue into {@code target} (another backend's queue, when a node moves
   * to another store) with {@link DurableQueue#restore}, in batches of {@code batchSize} written to {@code
   * targetStore}; this queue is left as it is. A job keeps its id, due time, attempts, payload and enqueue time
   * (so its retries and its age limit go on); a job still leased here (its process was stopped or killed while it
   * ran) is due at {@code now}. A job already in the target is left as it is. Returns how many jobs it read.
   */
  public long copyTo(DurableQueue target, KvStore targetStore, Instant now, int batchSize) {
    long nowMillis = millis(now);
    long copied = 0;
    try (KvIterator it = jobs.scan(null, null, false)) {
      while (it.hasNext()) {
        try (KvBatch batch = targetStore.newBatch()) {
          int inBatch = 0;
          while (inBatch < batchSize && it.hasNext()) {
            KvEntry entry = it.next();
            byte[] idBytes = Keys.dropPrefix(entry.key(), 8);
            boolean leased = ids.find(idBytes).map(state -> state.length > 8).orElse(false);
            long due = leased ? Math.min(nowMillis, Keys.readLong(entry.key(), 0)) : Keys.readLong(entry.key(), 0);
            Job job = new Job(new String(idBytes, StandardCharsets.US_ASCII), due, Keys.readInt(entry.value(), 0),
                Arrays.copyOfRange(entry.value(), 4, entry.value().length));
            // the job keeps its id, attempts and age: its retry schedule and age limit go on as before the copy
            target.restore(batch, job, enqueuedAt(job).orElse(now));
            inBatch++;
          }
          targetStore.write(batch, Durability.SYNC);
          copied += inBatch;
        }
      }
    }
    return copied;
  }

  /** Its enqueue time is the time in its id ({@link #enqueuedAt}): give it a {@link JobIds} id. */
  @Override
  public void restore(KvBatch batch, Job job, Instant enqueuedAt) {
    byte[] idBytes = job.id().getBytes(StandardCharsets.US_ASCII);
    if (ids.find(idBytes).isPresent()) {
      return;
    }
    batch.put(jobs, jobKey(job.dueAtMillis(), idBytes), value(job.attempts(), job.payload()));
    batch.put(ids, idBytes, Keys.longBE(job.dueAtMillis()));
  }

  /** Jobs waiting or leased (counts the index: linear in the queue length). */
  @Override
  public long size() {
    long n = 0;
    try (KvIterator it = ids.scan(null, null, false)) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  @Override
  public Optional<Job> find(String id) {
    byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
    return currentDue(idBytes)
        .flatMap(
            due ->
                jobs.find(jobKey(due, idBytes))
                    .map(v -> new Job(id, due, Keys.readInt(v, 0), Arrays.copyOfRange(v, 4, v.length))));
  }

  /** From the id, when it is a {@link JobIds} id (the default generator); empty for any other id. */
  @Override
  public Optional<Instant> enqueuedAt(Job job) {
    try {
      return Optional.of(Instant.ofEpochMilli(JobIds.millisOf(job.id())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Optional<Long> currentDue(byte[] idBytes) {
    return ids.find(idBytes).map(bytes -> Keys.readLong(bytes, 0));
  }

  private static byte[] jobKey(long dueMillis, byte[] idBytes) {
    return Keys.concat(Keys.longBE(dueMillis), idBytes);
  }

  private static byte[] value(int attempts, byte[] payload) {
    return Keys.concat(Keys.intBE(attempts), payload);
  }

  private static long millis(Instant instant) {
    long millis = instant.toEpochMilli();
    if (millis < 0) {
      throw new IllegalArgumentException("queue times must not be before 1970");
    }
    return millis;
  }
}
