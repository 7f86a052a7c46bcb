package org.coordo.server.service.mail;

import java.time.Duration;
import java.time.Instant;
import org.coordo.server.convert.DigestMailConverter;
import org.coordo.server.data.mail.FanoutRepository;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly digest's schedule, on the fan-out queue (store code). One {@code TICK} job is always
 * waiting, due at the next digest time ({@link DigestSchedule}); when it runs it starts one {@code
 * DIGEST} job per scope and queues the next tick, all in one batch with the week's mark, so a restart
 * neither loses the schedule nor sends a week twice.
 */
public final class Digests {
  private static final Logger LOG = LoggerFactory.getLogger(Digests.class);
  /** A digest whose time passed by more than this while the node was off is not sent late. */
  static final Duration TOO_LATE = Duration.ofDays(1);

  private final KvStore store;
  private final FanoutRepository fanout;
  private final FanoutSources sources;
  private final DigestSchedule schedule;
  private final DigestMailConverter converter;

  public Digests(KvStore store, FanoutRepository fanout, FanoutSources sources, DigestSchedule schedule,
      DigestMailConverter converter) {
    this.store = store;
    this.fanout = fanout;
    this.sources = sources;
    this.schedule = schedule;
    this.converter = converter;
  }

  public DigestMailConverter converter() {
    return converter;
  }

  public DigestSchedule schedule() {
    return schedule;
  }

  /** Queues the next tick unless one is waiting. */
  public void ensureScheduled(Instant now) {
    if (waiting(null)) {
      return;
    }
    try (KvBatch batch = store.newBatch()) {
      scheduleNext(batch, schedule.next(now));
      store.write(batch, Durability.SYNC);
    }
  }

  /**
   * The digest of the week ending at {@code at}, started now (an admin's "send the digest now", tests).
   * Idempotent per week like the scheduled one.
   */
  public void runNow(Instant at) {
    try (KvBatch batch = store.newBatch()) {
      fanout.queue().enqueue(batch, at, tickJob(at).encode());
      store.write(batch, Durability.SYNC);
    }
  }

  /** Runs a tick: the week's digests, once, and the next tick. */
  void tick(FanoutJob tick, String tickId, Instant now) {
    Instant at = tick.to();
    String week = schedule.week(at);
    try (KvBatch batch = store.newBatch()) {
      if (fanout.weekStarted(week)) {
        LOG.debug("mail digest: week {} already started", week);
      } else if (now.isAfter(at.plus(TOO_LATE))) {
        LOG.info("mail digest: week {} skipped (its time passed while the node was off)", week);
        fanout.markWeek(batch, week);
      } else {
        Instant from = schedule.windowStart(at);
        for (String scope : sources.scopes()) {
          fanout.queue().enqueue(batch, now,
              new FanoutJob(FanoutJob.Type.DIGEST, scope, null, week, from, at).encode());
        }
        fanout.markWeek(batch, week);
        LOG.info("mail digest: week {} started", week);
      }
      if (!waiting(tickId)) {
        scheduleNext(batch, schedule.next(now.isAfter(at) ? now : at));
      }
      store.write(batch, Durability.SYNC);
    }
  }

  /** Whether a tick other than {@code except} is queued. */
  private boolean waiting(String except) {
    return fanout.nextDigestJob().filter(id -> !id.equals(except))
        .flatMap(id -> fanout.queue().find(id)).isPresent();
  }

  private void scheduleNext(KvBatch batch, Instant at) {
    String id = fanout.queue().enqueue(batch, at, tickJob(at).encode());
    fanout.putNextDigestJob(batch, id);
  }

  private static FanoutJob tickJob(Instant at) {
    return new FanoutJob(FanoutJob.Type.TICK, null, null, null, null, at);
  }
}
