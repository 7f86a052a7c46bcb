package org.coordo.server.service.mail;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.coordo.server.data.StoreCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker of publication mails: on the storage worker, one page of a fan-out job at a time
 * ({@link FanoutRunner}), then the next page at once, or a look for due jobs every {@code poll} when
 * there is none. Started by the node assembly when mail is on; stopped before the store closes.
 */
public final class MailFanout {
  private static final Logger LOG = LoggerFactory.getLogger(MailFanout.class);

  private final Vertx vertx;
  private final StoreCalls storage;
  private final FanoutRunner runner;
  private final Digests digests;
  private final Clock clock;
  private final Duration poll;
  private volatile boolean stopped = true;
  private Future<Boolean> inFlight = Future.succeededFuture(false);
  private long timer = -1;

  public MailFanout(Vertx vertx, StoreCalls storage, FanoutRunner runner, Digests digests, Clock clock, Duration poll) {
    this.vertx = vertx;
    this.storage = storage;
    this.runner = runner;
    this.digests = digests;
    this.clock = clock;
    this.poll = poll;
  }

  /** Resumes what a previous run left, schedules the digest, and starts the loop. */
  public Future<Void> start() {
    return storage.call(store -> {
      runner.start(clock.instant());
      return null;
    }).onSuccess(v -> {
      stopped = false;
      next(Duration.ZERO);
    }).mapEmpty();
  }

  /** Stops the loop after the page in flight (its batch is written or not: either way it resumes). */
  public Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return inFlight.<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  /** Starts the digest of the week ending now (once per week, like the scheduled one). */
  public Future<Void> digestNow() {
    return storage.call(store -> {
      digests.runNow(clock.instant());
      return null;
    });
  }

  private void next(Duration delay) {
    if (stopped) {
      return;
    }
    if (delay.isZero()) {
      vertx.runOnContext(v -> step());
    } else {
      timer = vertx.setTimer(delay.toMillis(), id -> step());
    }
  }

  private void step() {
    if (stopped) {
      return;
    }
    Promise<Boolean> done = Promise.promise();
    inFlight = done.future();
    storage.call(store -> runner.step(clock.instant())).onComplete(ar -> {
      done.tryComplete(ar.succeeded() && ar.result());
      if (ar.failed()) {
        LOG.warn("mail fan-out: a page failed (retried after its lease): {}", ar.cause().toString());
        next(poll);
      } else {
        next(ar.result() ? Duration.ZERO : poll);
      }
    });
  }
}
