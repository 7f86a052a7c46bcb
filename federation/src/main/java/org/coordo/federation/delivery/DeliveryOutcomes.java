package org.coordo.federation.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one attempt's outcome does to the queue and to {@link HostHealth}, with its one log line: 2xx → done;
 * 410 and every 4xx but 408/429 → dropped (final); anything else → rescheduled with exponential backoff and
 * jitter (or the host's {@code Retry-After}, capped), and given up after {@code maxAttempts}.
 *
 * <p>It also keeps the unavailable hosts' jobs back: while a host is unavailable, one probe job at a time
 * goes through and the others are deferred by {@code unavailableDeferral} (given up when older than {@code
 * maxJobAge}); the first success brings the host back and makes the jobs this process deferred due at once.
 * Not thread-safe: confined to the delivery worker's context.
 */
final class DeliveryOutcomes {
  // The delivery worker's logger: operators filter delivery lines by it.
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final DeliveryThreads threads;
  private final DurableQueue queue;
  private final HostHealth hosts;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final Random random;
  /** Called once a host is back and its deferred jobs are due: look for due jobs. */
  private final Runnable lookAgain;
  private final Set<String> probing = new HashSet<>();
  private final Map<String, Set<String>> deferred = new HashMap<>();

  DeliveryOutcomes(DeliveryThreads threads, DurableQueue queue, HostHealth hosts, DeliveryPolicy policy,
      Clock clock, Random random, Runnable lookAgain) {
    this.threads = threads;
    this.queue = queue;
    this.hosts = hosts;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    this.lookAgain = lookAgain;
  }

  /**
   * True if the job may be sent now: its host is available, or unavailable with no probe under way (this
   * job becomes the probe). Else the job is deferred (or given up) and false returned.
   */
  boolean admit(Job job, DeliveryJob delivery) {
    String host = delivery.host();
    if (hosts.isUnavailable(host) && !probing.add(host)) {
      defer(job, delivery);
      return false;
    }
    return true;
  }

  /** The host answered (any status) or the request failed: acknowledge, drop or reschedule the job. */
  void finish(Job job, DeliveryJob delivery, DeliverySender.Attempt attempt, long millis) {
    String host = delivery.host();
    probing.remove(host);
    if (attempt.succeeded() || attempt.isFinal()) {
      log(delivery, job, attempt, millis, attempt.succeeded() ? "delivered" : "rejected, dropped");
      threads.bookkeeping(() -> {
        queue.ack(job);
        return hosts.recordSuccess(host); // the host answered: it is reachable
      }).onSuccess(wasUnavailable -> {
        if (wasUnavailable) {
          threads.onContext(() -> resume(host));
        }
      });
      return;
    }
    boolean giveUp = job.attempts() >= policy.maxAttempts();
    Duration delay = policy.backoff(job.attempts(), random);
    if (attempt.retryAfter() != null && attempt.retryAfter().compareTo(delay) > 0) {
      delay = attempt.retryAfter().compareTo(policy.backoffCap()) > 0 ? policy.backoffCap() : attempt.retryAfter();
    }
    Duration wait = delay;
    log(delivery, job, attempt, millis, giveUp ? "failed, giving up" : "failed, retry in " + wait.toSeconds() + " s");
    threads.bookkeeping(() -> {
      hosts.recordFailure(host, attempt.toString());
      if (giveUp) {
        queue.ack(job);
      } else {
        queue.reschedule(job, clock.instant().plus(wait));
      }
      return null;
    });
  }

  /** The job cannot be delivered at all ({@link Undeliverable}): it is dropped. */
  void drop(Job job, DeliveryJob delivery, String reason, long millis) {
    probing.remove(delivery.host());
    LOG.warn("delivery host={} inbox={} activity={} attempt={} duration={}ms outcome=dropped: {}",
        delivery.host(), delivery.inbox(), delivery.activityId(), job.attempts(), millis, reason);
    ack(job);
  }

  /** Removes the job from the queue (done, unreadable or given up). */
  void ack(Job job) {
    threads.bookkeeping(() -> {
      queue.ack(job);
      return null;
    });
  }

  /** Hands the job back to the queue, due now (claimed while stopping, or held at stop). */
  void handBack(Job job) {
    threads.bookkeeping(() -> {
      queue.reschedule(job, clock.instant());
      return null;
    });
  }

  private void defer(Job job, DeliveryJob delivery) {
    String host = delivery.host();
    Instant now = clock.instant();
    boolean tooOld = ageOf(job, now).compareTo(policy.maxJobAge()) > 0;
    if (tooOld) {
      LOG.warn("delivery host={} inbox={} activity={} outcome=given up: host unavailable and job older than {}",
          host, delivery.inbox(), delivery.activityId(), policy.maxJobAge());
    } else {
      deferred.computeIfAbsent(host, h -> new LinkedHashSet<>()).add(job.id());
    }
    threads.bookkeeping(() -> {
      if (tooOld) {
        queue.ack(job);
      } else {
        queue.reschedule(job, now.plus(policy.unavailableDeferral()));
      }
      return null;
    });
  }

  /** The host is back: what this process deferred for it is due now. */
  private void resume(String host) {
    Set<String> ids = deferred.remove(host);
    LOG.info("delivery host={} is reachable again; resuming {} deferred job(s)", host, ids == null ? 0 : ids.size());
    if (ids == null || ids.isEmpty()) {
      return;
    }
    threads.bookkeeping(() -> {
      Instant now = clock.instant();
      for (String id : ids) {
        queue.find(id).ifPresent(job -> queue.reschedule(job, now));
      }
      return null;
    }).onComplete(ar -> threads.onContext(lookAgain));
  }

  /** How long ago the job was enqueued (zero when the queue cannot tell). */
  private Duration ageOf(Job job, Instant now) {
    return queue.enqueuedAt(job)
        .map(at -> Duration.ofMillis(Math.max(0, now.toEpochMilli() - at.toEpochMilli())))
        .orElse(Duration.ZERO);
  }

  private static void log(DeliveryJob delivery, Job job, DeliverySender.Attempt attempt, long millis, String outcome) {
    String line = "delivery host={} inbox={} activity={} status={} attempt={} duration={}ms outcome={}";
    Object[] args = {delivery.host(), delivery.inbox(), delivery.activityId(), attempt, job.attempts(), millis, outcome};
    if (attempt.succeeded()) {
      LOG.info(line, args);
    } else {
      LOG.warn(line, args);
    }
  }
}
