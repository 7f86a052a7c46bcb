package org.coordo.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox's periodic chores while the node runs: retry entries whose side effects failed (a
 * listener or a fetch errored; up to {@link InboxProcessor#MAX_ATTEMPTS}), and once a day forget
 * processed log entries and old dedupe ids. Start-up replay is done by the facade itself.
 */
public final class InboxHousekeeping {
  private static final Logger LOG = LoggerFactory.getLogger(InboxHousekeeping.class);

  /** Entries younger than this may still be in the hands of the request that received them. */
  static final Duration SETTLE = Duration.ofMinutes(2);
  static final Duration KEEP_LOG = Duration.ofDays(14);
  static final Duration KEEP_SEEN = Duration.ofDays(30);

  private final Vertx vertx;
  private final InboxProcessor processor;
  private final Clock clock;
  private final Duration retryEvery;
  private long timer = -1;
  private Instant lastPrune; // null: never pruned in this process
  private boolean running;

  public InboxHousekeeping(Vertx vertx, InboxProcessor processor, Clock clock, Duration retryEvery) {
    this.vertx = vertx;
    this.processor = processor;
    this.clock = clock;
    this.retryEvery = retryEvery;
  }

  public void start() {
    timer = vertx.setPeriodic(retryEvery.toMillis(), id -> tick());
  }

  public void stop() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** One round; rounds never overlap. Visible for tests. */
  Future<Void> tick() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    Instant now = clock.instant();
    Future<Void> round = processor.replayPending(now.minus(SETTLE)).compose(n -> {
      if (n > 0) {
        LOG.info("retried {} unfinished inbox entries", n);
      }
      if (lastPrune != null && Duration.between(lastPrune, now).compareTo(Duration.ofDays(1)) < 0) {
        return Future.succeededFuture();
      }
      lastPrune = now;
      return processor.prune(KEEP_LOG, KEEP_SEEN).map(deleted -> {
        LOG.info("inbox housekeeping: {} old records forgotten", deleted);
        return null;
      });
    });
    return round.recover(err -> {
      LOG.warn("inbox housekeeping failed: {}", err.toString());
      return Future.succeededFuture();
    }).onComplete(ar -> running = false).mapEmpty();
  }
}
