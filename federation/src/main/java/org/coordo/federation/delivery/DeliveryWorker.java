package org.coordo.federation.delivery;

import org.coordo.federation.DeliveryStats;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Callable;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.host.SoftwareLookup;
import org.coordo.federation.outbox.ActivityRepository;
import org.coordo.federation.sig.SignatureKnock;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.Job;
import org.coordo.storage.LiveProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the delivery jobs of the durable queue. It claims due jobs with a lease, holds them in memory
 * until their host has a free slot ({@link HeldJobs}: at most {@code perHostConcurrency} requests in flight
 * per host and {@code globalConcurrency} in all), then hands each to {@link JobDelivery}: the activities meant
 * for the receiving server's software, read from the store, signed at send time with the local actor's key
 * (key id {@code …#main-key}; RFC 9421 or draft-cavage as the host is known to verify, see {@link
 * SignatureKnock}; at most {@code signingConcurrency} signatures in the making at once, the others wait their
 * turn here rather than in the worker pool's queue, which the inbox shares) and POSTed. What each outcome
 * does to the queue (done, dropped, retried with backoff, given up after {@code maxAttempts}) is {@link
 * DeliveryOutcomes}'; every attempt logs one line. A job claimed again while it is still here (its lease ran
 * out while it waited for its host) is kept once, with its new lease, and sent once.
 *
 * <p>Hosts that keep failing for longer than {@code unavailableAfter} are unavailable ({@link
 * HostHealth}): their jobs are deferred by {@code unavailableDeferral}, one probe job at a time still
 * goes through, and the first success brings the host back and makes the jobs this process deferred
 * due at once (jobs deferred before a restart come due at their deferral time).
 *
 * <p>It needs only the {@link DurableQueue} contract, whatever the backend. Threading ({@link
 * DeliveryThreads}): the worker's state lives on one Vert.x context (the one {@link #start()} runs on);
 * store and RSA work runs on the worker executor. It polls every {@code pollInterval} and {@link #wake()}
 * makes it look at once (the publisher calls it after each write).
 */
public final class DeliveryWorker {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final DurableQueue queue;
  private final JobDelivery jobs;
  private final HostHealth hosts;
  private final DeliverySender sender;
  private final InboxGuard guard;
  private final DeliveryPolicy policy;
  private final Clock clock;
  private final DeliveryThreads threads;
  private final DeliveryOutcomes outcomes;

  // State below is only touched on the worker's context.
  private boolean running;
  private long timerId = -1;
  private boolean claiming;
  private boolean claimAgain;
  private final HeldJobs held;
  private final SigningSlots signing;
  private Promise<Void> idle;

  public DeliveryWorker(
      Vertx vertx,
      WorkerExecutor worker,
      DurableQueue queue,
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
    this.threads = new DeliveryThreads(worker);
    this.outcomes = new DeliveryOutcomes(threads, queue, hosts, policy, clock, random, this::tick);
    this.held = new HeldJobs(policy);
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
      threads.bind(ctx);
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
    Context ctx = threads.context();
    if (ctx == null) {
      return Future.succeededFuture();
    }
    Promise<Void> stopped = Promise.promise();
    ctx.runOnContext(v -> {
      running = false;
      vertx.cancelTimer(timerId);
      List<Job> toRelease = held.releaseHeld();
      Future<Void> released = threads.bookkeeping(() -> {
        Instant now = clock.instant();
        toRelease.forEach(job -> queue.reschedule(job, now));
        return null;
      });
      idle = Promise.promise();
      if (held.inFlight() == 0) {
        idle.tryComplete();
      }
      // Ordered bookkeeping runs in submission order: this last no-op waits for every ack and
      // reschedule the finished requests queued, so nothing touches the store after stop.
      Future.all(released, idle.future())
          .compose(all -> threads.onContextFuture(() -> threads.bookkeeping(() -> null)))
          .<Void>mapEmpty()
          .onComplete(stopped);
    });
    return stopped.future();
  }

  /**
   * Several processes of the node deliver from one queue (PostgreSQL): the per-host limit is the node's, each
   * process applies its share for the processes alive at each dispatch ({@link DeliveryPolicy#perHostShare}).
   * Call before {@link #start()}.
   */
  public void shareHostLimit(LiveProcesses live) {
    held.shareHostLimit(Objects.requireNonNull(live, "live"));
  }

  /** Look for due jobs now (safe from any thread). */
  public void wake() {
    Context ctx = threads.context();
    if (ctx != null) {
      ctx.runOnContext(v -> tick());
    }
  }

  /** Queue size, requests in flight, failing and unavailable hosts. */
  public Future<DeliveryStats> stats() {
    Context ctx = threads.context();
    Promise<int[]> counts = Promise.promise();
    if (ctx == null) {
      counts.complete(new int[] {0, 0});
    } else {
      ctx.runOnContext(v -> counts.complete(new int[] {held.inFlight(), held.heldCount()}));
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
    int capacity = policy.claimBatch() - held.heldCount() - held.inFlight();
    if (capacity <= 0) {
      return;
    }
    claiming = true;
    threads.bookkeeping(() -> queue.claim(clock.instant(), capacity, policy.lease()))
        .onComplete(ar -> threads.onContext(() -> {
          claiming = false;
          if (ar.failed()) {
            LOG.error("delivery: claiming jobs failed", ar.cause());
            return;
          }
          List<Job> claimed = ar.result();
          claimed.forEach(this::accept);
          held.dispatch(this::send);
          if (claimAgain || claimed.size() == capacity) {
            claimAgain = false;
            tick();
          }
        }));
  }

  private void accept(Job job) {
    if (held.refresh(job)) {
      return;
    }
    DeliveryJob delivery;
    try {
      delivery = DeliveryJob.decode(job.payload());
    } catch (IllegalArgumentException e) {
      LOG.error("delivery: dropping job {} with an unreadable payload", job.id());
      outcomes.ack(job);
      return;
    }
    if (!running) { // claimed while stopping: hand it back at once rather than leave it leased
      outcomes.handBack(job);
      return;
    }
    if (outcomes.admit(job, delivery)) {
      held.hold(job, delivery);
    }
  }

  /** One attempt of a job {@link HeldJobs#dispatch} counted in flight; its outcome goes to {@link DeliveryOutcomes}. */
  private void send(Job claimed, DeliveryJob delivery) {
    String host = delivery.host();
    long started = System.nanoTime();
    guard
        .check(delivery.inbox())
        .compose(address -> jobs.send(delivery, address, this::signInSlot))
        .map(JobDelivery.Result::attempt)
        .onComplete(ar -> threads.onContext(() -> {
          Job job = held.finished(claimed, host);
          long millis = (System.nanoTime() - started) / 1_000_000;
          if (ar.succeeded()) {
            outcomes.finish(job, delivery, ar.result(), millis);
          } else if (ar.cause() instanceof Undeliverable) {
            outcomes.drop(job, delivery, ar.cause().getMessage(), millis);
          } else {
            outcomes.finish(job, delivery, DeliverySender.Attempt.failed(String.valueOf(ar.cause().getMessage())), millis);
          }
          if (!running && held.inFlight() == 0 && idle != null) {
            idle.tryComplete();
          }
          held.dispatch(this::send);
          if (held.heldCount() + held.inFlight() < policy.claimBatch() / 2) {
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
    threads.onContext(() -> signing.acquire().onComplete(slot -> sender.sign(rsa)
        .onComplete(ar -> threads.onContext(() -> {
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
    threads.onContext(() -> peak.complete(signing.peak()));
    return peak.future();
  }
}
