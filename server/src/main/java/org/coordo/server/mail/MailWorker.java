package org.coordo.server.mail;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.coordo.server.data.StoreCalls;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.Job;
import org.coordo.storage.LiveProcesses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the queued messages at the node's rate (this process's share of it when several processes serve the node).
 * Every {@code pollInterval} it adds {@code rate × interval}
 * to a budget (a token bucket holding at most one second's worth, at least one message: a slow claim or
 * send is caught up within the second, never beyond), claims as many due messages as the budget and the
 * messages in flight allow ({@code maxInFlight}, or a quarter of a second's worth at high rates, at most
 * 64), and hands each to the transport. What
 * follows an attempt:
 * <ul>
 *   <li>handed over: the job is removed, and the address's permanent failures are forgotten;
 *   <li>a permanent failure (5xx): the job is removed (never retried) and the address counts one more
 *       failure ({@link Bounces}; bouncing from {@link MailPolicy#bounceThreshold} on);
 *   <li>a temporary failure (4xx, connection): the job is due again after {@link MailPolicy#backoff}, unless
 *       it was accepted more than {@link MailPolicy#maxAge} ago: then it is dropped and logged;
 *   <li>an unreadable payload: dropped and logged.
 * </ul>
 * At start, the jobs a killed previous run had claimed are due again at once. State lives on one Vert.x
 * context; store calls run on the storage worker ({@link StoreCalls}).
 */
public final class MailWorker {
  private static final Logger LOG = LoggerFactory.getLogger(MailWorker.class);

  private final Vertx vertx;
  private final StoreCalls storage;
  private final DurableQueue queue;
  private final Bounces bounces;
  private final MailTransport transport;
  private final MailPolicy policy;
  private final int ratePerSecond;
  private final LiveProcesses live;
  private final int maxInFlight;
  private final Clock clock;

  // State below is only touched on the worker's context.
  private Context context;
  private boolean running;
  private long timerId = -1;
  private boolean claiming;
  private int inFlight;
  private double tokens;
  private long refilledAt;
  private Promise<Void> idle;

  /**
   * @param ratePerSecond the node's rate ({@code mail.rate}): this process sends its share, {@code rate / N} for the
   *     N {@code live} processes of the node (counted again at every tick), so that N processes on one PostgreSQL
   *     stay within the rate the mail provider allows
   */
  public MailWorker(Vertx vertx, StoreCalls storage, DurableQueue queue, Bounces bounces, MailTransport transport,
      MailPolicy policy, int ratePerSecond, LiveProcesses live, Clock clock) {
    this.vertx = vertx;
    this.storage = storage;
    this.queue = queue;
    this.bounces = bounces;
    this.transport = transport;
    this.policy = policy;
    this.ratePerSecond = ratePerSecond;
    this.live = live;
    this.maxInFlight = Math.min(64, Math.max(policy.maxInFlight(), ratePerSecond / 4));
    this.clock = clock;
  }

  /** Hands back the leases of a previous run, then polls on a new context. */
  public Future<Void> start() {
    Context ctx = vertx.getOrCreateContext();
    Promise<Void> started = Promise.promise();
    ctx.runOnContext(v -> storage.call(store -> queue.releaseLeases(clock.instant())).onComplete(ar -> {
      if (ar.failed()) {
        started.fail(ar.cause());
        return;
      }
      if (ar.result() > 0) {
        LOG.info("mail: {} message(s) claimed by this node's previous run and never finished are due again",
            ar.result());
      }
      context = ctx;
      running = true;
      tokens = 1;
      refilledAt = System.nanoTime();
      timerId = vertx.setPeriodic(policy.pollInterval().toMillis(), id -> tick());
      tick();
      started.complete();
    }));
    return started.future();
  }

  /** Stops claiming; completes when the messages in flight are finished and booked. */
  public Future<Void> stop() {
    Context ctx = context;
    if (ctx == null) {
      return Future.succeededFuture();
    }
    Promise<Void> stopped = Promise.promise();
    ctx.runOnContext(v -> {
      running = false;
      vertx.cancelTimer(timerId);
      idle = stopped;
      if (inFlight == 0 && !claiming) {
        stopped.tryComplete();
      }
    });
    return stopped.future();
  }

  /** Look for due messages now (safe from any thread). */
  public void wake() {
    Context ctx = context;
    if (ctx != null) {
      ctx.runOnContext(v -> tick());
    }
  }

  private void tick() {
    if (!running || claiming) {
      return;
    }
    long now = System.nanoTime();
    double share = ratePerSecond / (double) Math.max(1, live.count()); // this process's part of the node's rate
    tokens = Math.min(Math.max(1.0, share), tokens + (now - refilledAt) / 1_000_000_000.0 * share);
    refilledAt = now;
    // one claim hands at most maxInFlight messages to the transport in one go on this event loop
    int max = Math.min((int) tokens, maxInFlight - inFlight);
    if (max <= 0) {
      return;
    }
    claiming = true;
    storage.call(store -> queue.claim(clock.instant(), max, policy.lease())).onComplete(ar -> {
      claiming = false;
      if (ar.failed()) {
        LOG.error("mail: claiming messages failed", ar.cause());
        settleIfIdle();
        return;
      }
      List<Job> claimed = ar.result();
      tokens -= claimed.size();
      claimed.forEach(this::send);
      settleIfIdle();
    });
  }

  private void send(Job job) {
    OutgoingMail mail;
    try {
      mail = MailPayload.decode(job.payload());
    } catch (IllegalArgumentException e) {
      LOG.error("mail: dropping message {} with an unreadable payload", job.id());
      book(job, store -> {
        queue.ack(job);
        return null;
      });
      return;
    }
    inFlight++;
    long started = System.nanoTime();
    Future<Void> attempt;
    try {
      attempt = transport.send(mail);
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(MailFailure.permanent("the transport refused the message", e));
    }
    attempt.onComplete(ar -> {
      inFlight--;
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (ar.succeeded()) {
        LOG.info("mail: {} {} sent to {} (attempt {}, {} ms)", mail.kind(), job.id(), mail.to(), job.attempts(), millis);
        book(job, store -> {
          queue.ack(job);
          bounces.delivered(mail.to());
          return null;
        });
      } else if (ar.cause() instanceof MailFailure f && f.permanent()) {
        long at = clock.millis();
        book(job, store -> {
          queue.ack(job);
          int count = bounces.failed(mail.to(), at);
          LOG.warn("mail: {} {} to {} refused for good, not retried ({}); permanent failures of this address: {}{}",
              mail.kind(), job.id(), mail.to(), f.getMessage(), count,
              count >= policy.bounceThreshold() ? " (bouncing)" : "");
          return null;
        });
      } else {
        retryOrGiveUp(job, mail, String.valueOf(ar.cause().getMessage()));
      }
    });
  }

  private void retryOrGiveUp(Job job, OutgoingMail mail, String why) {
    Instant now = clock.instant();
    Instant accepted = queue.enqueuedAt(job).orElse(now);
    if (Duration.between(accepted, now).compareTo(policy.maxAge()) > 0) {
      LOG.warn("mail: giving up on {} {} to {} after {} attempts since {} (last: {})", mail.kind(), job.id(),
          mail.to(), job.attempts(), accepted, why);
      book(job, store -> {
        queue.ack(job);
        return null;
      });
      return;
    }
    Duration delay = policy.backoff(job.attempts());
    LOG.info("mail: {} {} to {} failed for now ({}); attempt {} in {} ms", mail.kind(), job.id(), mail.to(), why,
        job.attempts() + 1, delay.toMillis());
    book(job, store -> {
      queue.reschedule(job, now.plus(delay));
      return null;
    });
  }

  /** Runs store work for a finished attempt; the worker is idle again once it is done. */
  private void book(Job job, java.util.function.Function<org.coordo.storage.KvStore, Void> work) {
    inFlight++;
    storage.call(work).onComplete(ar -> {
      inFlight--;
      if (ar.failed()) {
        LOG.error("mail: recording the outcome of {} failed (it will be sent again when its lease ends)", job.id(),
            ar.cause());
      }
      settleIfIdle();
      tick();
    });
  }

  private void settleIfIdle() {
    if (!running && idle != null && inFlight == 0 && !claiming) {
      idle.tryComplete();
    }
  }
}
