package org.coordo.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A work queue on disk, ordered by due time. Jobs are claimed with a lease: a claimed job that is
 * neither acknowledged nor rescheduled before its lease ends becomes due again (its worker died).
 */
public interface DurableQueue {

  /** Adds a job to the batch, so that it is written with the records it belongs to. Returns its id. */
  String enqueue(KvBatch batch, Instant dueAt, byte[] payload);

  /**
   * Claims up to {@code max} jobs due at {@code now} (earliest first), each leased for {@code
   * lease}: the returned job is due again at {@code now + lease} and counts one more attempt.
   */
  List<Job> claim(Instant now, int max, Duration lease);

  /** Done: the job is removed. */
  void ack(Job job);

  /**
   * Not done: the job becomes due again at {@code dueAt} (its attempt was counted when claimed).
   * Does nothing if the lease was lost meanwhile (acknowledged, or expired and claimed again).
   */
  void reschedule(Job job, Instant dueAt);

  /** Jobs waiting or leased. */
  long size();
}
