package org.coordo.federation.delivery;

import org.coordo.federation.DeliveryStats;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.host.SoftwareLookup;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.sig.SignatureKnock;
import org.coordo.storage.Job;
import org.coordo.storage.queue.JobIds;
import org.coordo.storage.queue.KvDurableQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the delivery jobs of the durable queue. It claims due jobs with a lease, holds them in memory
 * until their host has a free slot (at most {@code perHostConcurrency} requests in flight per host and
 * {@code globalConcurrency} in all), then hands each to {@link JobDelivery}: the activities meant for the
 * receiving server's software, read from the store, signed at send time with the local actor's key (key id
 * {@code …#main-key}; RFC 9421 or draft-cavage as the host is known to verify, see {@link SignatureKnock}; at
 * most {@code signingConcurrency} signatures in the making at once, the others wait their turn here rather
 * than in the worker pool's queue, which the inbox shares) and POSTed. Outcome: 2xx → done; 410 and every 4xx but 408/429 → dropped (final);
 * anything else → rescheduled with exponential backoff and jitter, and given up after {@code
 * maxAttempts}. Every attempt logs one line. A job claimed again while it is still here (its lease ran
 * out while it waited for its host) is kept once, with its new lease, and sent once.
 *
 * <p>Hosts that keep failing for longer than {@code unavailableAfter} are unavailable ({@link
 * HostHealth}): their jobs are deferred by {@code unavailableDeferral}, one probe job at a time still
 * goes through, and the first success brings the host back and makes the jobs this process deferred
 * due at once (jobs deferred before a restart come due at their deferral time).
 *
 * <p>Threading: the worker's state lives on one Vert.x context (the one {@link #start()} runs on);
 * RocksDB and RSA work runs on the worker executor. It polls every {@code pollInterval} and {@link
 * #wake()} makes it look at once (the publisher calls it after each write).
 */
public final class DeliveryWorker {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final KvDurableQueue queue;
  private final JobDelivery jobs;
  private final HostHealth hosts;
  private final DeliverySender sender;
  private final InboxGuard guard;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final Random random;

  // State below is only touched on `context`.
  private Context context;
  private boolean running;
  private long timerId = -1;
  private boolean claiming;
  private boolean claimAgain;
  private int inFlight;
  private int heldCount;
  private final Map<String, Integer> inFlightByHost = new HashMap<>();
  private final Map<String, ArrayDeque<Held>> held = new LinkedHashMap<>();
  private final Set<String> probing = new HashSet<>();
  private final Map<String, Set<String>> deferred = new HashMap<>();
  private final SigningSlots signing;
  /** Jobs held or in flight here, by id, in their latest claimed state. */
  private final Map<String, Job> mine = new HashMap<>();
  private Promise<Void> idle;

  private record Held(Job job, DeliveryJob delivery) {}

  public DeliveryWorker(
      Vertx vertx,
      WorkerExecutor worker,
      KvDurableQueue queue,
      ActivityRepository activities,
      LocalActors actors,
      Uris uris,
      HostHealth hosts,
      DeliverySender sender,
      SignatureKnock knock,
      SoftwareLookup software,
      InboxGuard guard,
      DeliveryPolicy policy,
      Clock clock,
      Random random) {
    this.vertx = vertx;
    this.worker = worker;
    this.queue = queue;
    this.jobs = new JobDelivery(new DeliveryPayloads(worker, activities, actors, uris), software, knock, sender);
    this.hosts = hosts;
    this.sender = sender;
    this.guard = guard;
    this.policy = policy;
    this.clock = clock;
    this.random = random;
    this.signing = new SigningSlots(policy.signingConcurrency());
  }

  /**
   * Starts polling on the current context (or a new one). First, the jobs the queue's owner still
   * holds leases on are made due: a previous run of this process claimed them and was killed before
   * it could send them or hand them back, so they are sent again now rather than when their lease
   * ends.
   */
  public Future<Void> start() {
    Context ctx = vertx.getOrCreateContext();
    Promise<Void> started = Promise.promise();
    ctx.runOnContext(v -> worker.executeBlocking(() -> {
      hosts.load();
      int released = queue.releaseLeases(clock.instant());
      if (released > 0) {
        LOG.info("delivery: {} job(s) claimed by this node's previous run and never finished are due again",
            released);
      }
      return null;
    }, false).onComplete(loaded -> ctx.runOnContext(x -> {
      if (loaded.failed()) {
        started.fail(loaded.cause());
        return;
      }
      context = ctx;
      running = true;
      timerId = vertx.setPeriodic(policy.pollInterval().toMillis(), id -> tick());
      tick();
      started.complete();
    })));
    return started.future();
  }

  /**
   * Stops claiming, hands the held jobs back to the queue (due now) and completes when the requests in
   * flight have finished.
   */
  public Future<Void> stop() {
    Context ctx = context;
    if (ctx == null) {
      return Future.succeededFuture();
    }
    Promise<Void> stopped = Promise.promise();
    ctx.runOnContext(v -> {
      running = false;
      vertx.cancelTimer(timerId);
      List<Job> toRelease = new ArrayList<>();
      held.values().forEach(q -> q.forEach(h -> toRelease.add(mine.remove(h.job().id()))));
      held.clear();
      heldCount = 0;
      Future<Void> released = bookkeeping(() -> {
        Instant now = clock.instant();
        toRelease.forEach(job -> queue.reschedule(job, now));
        return null;
      });
      idle = Promise.promise();
      if (inFlight == 0) {
        idle.tryComplete();
      }
      // Ordered bookkeeping runs in submission order: this last no-op waits for every ack and
      // reschedule the finished requests queued, so nothing touches the store after stop.
      Future.all(released, idle.future())
          .compose(all -> onContextFuture(() -> bookkeeping(() -> null)))
          .<Void>mapEmpty()
          .onComplete(stopped);
    });
    return stopped.future();
  }

  /** Look for due jobs now (safe from any thread). */
  public void wake() {
    Context ctx = context;
    if (ctx != null) {
      ctx.runOnContext(v -> tick());
    }
  }

  /** Queue size, requests in flight, failing and unavailable hosts. */
  public Future<DeliveryStats> stats() {
    Context ctx = context;
    Promise<int[]> counts = Promise.promise();
    if (ctx == null) {
      counts.complete(new int[] {0, 0});
    } else {
      ctx.runOnContext(v -> counts.complete(new int[] {inFlight, heldCount}));
    }
    return counts.future().compose(c -> worker.executeBlocking(queue::size, false)
        .map(size -> new DeliveryStats(size, c[0], c[1], hosts.failingHosts(), hosts.unavailableHosts())));
  }

  // ------------------------------------------------------------------ claiming and dispatching

  private void tick() {
    if (!running) {
      return;
    }
    if (claiming) {
      claimAgain = true;
      return;
    }
    int capacity = policy.claimBatch() - heldCount - inFlight;
    if (capacity <= 0) {
      return;
    }
    claiming = true;
    bookkeeping(() -> queue.claim(clock.instant(), capacity, policy.lease()))
        .onComplete(ar -> onContext(() -> {
          claiming = false;
          if (ar.failed()) {
            LOG.error("delivery: claiming jobs failed", ar.cause());
            return;
          }
          List<Job> jobs = ar.result();
          jobs.forEach(this::accept);
          dispatch();
          if (claimAgain || jobs.size() == capacity) {
            claimAgain = false;
            tick();
          }
        }));
  }

  private void accept(Job job) {
    if (mine.containsKey(job.id())) {
      // Its lease ran out while it waited here for a slot (or was being sent) and this claim took it
      // again: keep the one copy, with the new lease, so that it is sent once.
      mine.put(job.id(), job);
      return;
    }
    DeliveryJob delivery;
    try {
      delivery = DeliveryJob.decode(job.payload());
    } catch (IllegalArgumentException e) {
      LOG.error("delivery: dropping job {} with an unreadable payload", job.id());
      bookkeeping(() -> {
        queue.ack(job);
        return null;
      });
      return;
    }
    if (!running) { // claimed while stopping: hand it back at once rather than leave it leased
      bookkeeping(() -> {
        queue.reschedule(job, clock.instant());
        return null;
      });
      return;
    }
    String host = delivery.host();
    if (hosts.isUnavailable(host) && !probing.add(host)) {
      defer(job, delivery);
      return;
    }
    held.computeIfAbsent(host, h -> new ArrayDeque<>()).add(new Held(job, delivery));
    heldCount++;
    mine.put(job.id(), job);
  }

  private void dispatch() {
    var it = held.entrySet().iterator();
    while (it.hasNext() && inFlight < policy.globalConcurrency()) {
      var entry = it.next();
      String host = entry.getKey();
      ArrayDeque<Held> waiting = entry.getValue();
      while (!waiting.isEmpty()
          && inFlight < policy.globalConcurrency()
          && inFlightByHost.getOrDefault(host, 0) < policy.perHostConcurrency()) {
        Held next = waiting.poll();
        heldCount--;
        send(next.job(), next.delivery());
      }
      if (waiting.isEmpty()) {
        it.remove();
      }
    }
  }

  private void send(Job claimed, DeliveryJob delivery) {
    String host = delivery.host();
    inFlight++;
    inFlightByHost.merge(host, 1, Integer::sum);
    long started = System.nanoTime();
    guard
        .check(delivery.inbox())
        .compose(address -> jobs.send(delivery, address, this::signInSlot))
        .map(JobDelivery.Result::attempt)
        .onComplete(ar -> onContext(() -> {
          inFlight--;
          inFlightByHost.computeIfPresent(host, (h, n) -> n <= 1 ? null : n - 1);
          Job latest = mine.remove(claimed.id());
          Job job = latest != null ? latest : claimed;
          long millis = (System.nanoTime() - started) / 1_000_000;
          if (ar.succeeded()) {
            finish(job, delivery, ar.result(), millis);
          } else if (ar.cause() instanceof Undeliverable) {
            drop(job, delivery, ar.cause().getMessage(), millis);
          } else {
            finish(job, delivery, DeliverySender.Attempt.failed(String.valueOf(ar.cause().getMessage())), millis);
          }
          if (!running && inFlight == 0 && idle != null) {
            idle.tryComplete();
          }
          dispatch();
          if (heldCount + inFlight < policy.claimBatch() / 2) {
            tick();
          }
        }));
  }

  /**
   * Runs one signing once a signing slot is free (a failure to sign becomes a failed attempt, retried like any
   * other).
   */
  private Future<Map<String, String>> signInSlot(Callable<Map<String, String>> rsa) {
    Promise<Map<String, String>> result = Promise.promise();
    onContext(() -> signing.acquire().onComplete(slot -> sender.sign(rsa)
        .onComplete(ar -> onContext(() -> {
          signing.release();
          if (ar.succeeded()) {
            result.complete(ar.result());
          } else {
            result.fail(ar.cause());
          }
        }))));
    return result.future();
  }

  /** The most signatures that were in the making at once since start (for tests). */
  Future<Integer> signingPeak() {
    Promise<Integer> peak = Promise.promise();
    onContext(() -> peak.complete(signing.peak()));
    return peak.future();
  }

  // ------------------------------------------------------------------ outcomes

  private void finish(Job job, DeliveryJob delivery, DeliverySender.Attempt attempt, long millis) {
    String host = delivery.host();
    probing.remove(host);
    if (attempt.succeeded() || attempt.isFinal()) {
      log(delivery, job, attempt, millis, attempt.succeeded() ? "delivered" : "rejected, dropped");
      bookkeeping(() -> {
        queue.ack(job);
        return hosts.recordSuccess(host); // the host answered: it is reachable
      }).onSuccess(wasUnavailable -> {
        if (wasUnavailable) {
          onContext(() -> resume(host));
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
    bookkeeping(() -> {
      hosts.recordFailure(host, attempt.toString());
      if (giveUp) {
        queue.ack(job);
      } else {
        queue.reschedule(job, clock.instant().plus(wait));
      }
      return null;
    });
  }

  private void drop(Job job, DeliveryJob delivery, String reason, long millis) {
    probing.remove(delivery.host());
    LOG.warn("delivery host={} inbox={} activity={} attempt={} duration={}ms outcome=dropped: {}",
        delivery.host(), delivery.inbox(), delivery.activityId(), job.attempts(), millis, reason);
    bookkeeping(() -> {
      queue.ack(job);
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
    bookkeeping(() -> {
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
    bookkeeping(() -> {
      Instant now = clock.instant();
      for (String id : ids) {
        queue.find(id).ifPresent(job -> queue.reschedule(job, now));
      }
      return null;
    }).onComplete(ar -> onContext(this::tick));
  }

  private <T> Future<T> onContextFuture(java.util.function.Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    onContext(() -> action.get().onComplete(promise));
    return promise.future();
  }

  /** Runs on the worker's context: at once when already there, else posted to it. */
  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  private static Duration ageOf(Job job, Instant now) {
    try {
      return Duration.ofMillis(Math.max(0, now.toEpochMilli() - JobIds.millisOf(job.id())));
    } catch (RuntimeException e) {
      return Duration.ZERO;
    }
  }

  private void log(DeliveryJob delivery, Job job, DeliverySender.Attempt attempt, long millis, String outcome) {
    String line = "delivery host={} inbox={} activity={} status={} attempt={} duration={}ms outcome={}";
    Object[] args = {delivery.host(), delivery.inbox(), delivery.activityId(), attempt, job.attempts(), millis, outcome};
    if (attempt.succeeded()) {
      LOG.info(line, args);
    } else {
      LOG.warn(line, args);
    }
  }

  /** Queue and host-health writes, serialized on the worker executor. */
  private <T> Future<T> bookkeeping(Callable<T> work) {
    return worker.executeBlocking(work, true).onFailure(err -> LOG.error("delivery bookkeeping failed", err));
  }
}
