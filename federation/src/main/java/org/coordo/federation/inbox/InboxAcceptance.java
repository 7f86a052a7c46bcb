package org.coordo.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.coordo.federation.FederationException;
import org.coordo.federation.spi.InboxPolicy;
import org.coordo.federation.vocab.As;
import org.coordo.storage.Durability;
import org.coordo.storage.GroupCommit;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last steps before the answer, for an authorized activity: the {@link InboxPolicy} (blocked domain or
 * actor → 403), types nobody handles (ignored, nothing stored), dedupe by activity id, then persist (seen
 * id + pending log entry, fsynced, in a batch shared with the activities accepted at the same moment:
 * {@link GroupCommit}). Policy and dedupe run in one worker task (each hop to a worker costs a context
 * switch). An activity id is checked and marked atomically, so two concurrent deliveries of the same
 * activity persist it once.
 */
final class InboxAcceptance {
  // The inbox handler's logger: operators filter inbox lines by it.
  private static final Logger LOG = LoggerFactory.getLogger(InboxHandler.class);

  /** What became of the activity: an entry to process, or an outcome with nothing more to do. */
  record Accepted(InboxHandler.Outcome outcome, InboxEntry entry) {
    static Accepted toProcess(InboxEntry entry) {
      return new Accepted(InboxHandler.Outcome.PROCESSED, entry);
    }

    static Accepted done(InboxHandler.Outcome outcome) {
      return new Accepted(outcome, null);
    }
  }

  private final Clock clock;
  private final WorkerExecutor worker;
  private final InboxPolicy policy;
  private final InboxSeen seen;
  private final InboxLog log;
  private final InboxProcessor processor;
  private final Supplier<String> ids;
  /** Activity ids being accepted right now (checked and marked atomically, dropped once written). */
  private final Set<String> accepting = ConcurrentHashMap.newKeySet();
  /** Whether other processes accept activities on this store: claim each one in the store first. */
  private final boolean sharedStore;
  /** Marks an activity another process claimed and has not persisted yet (its answer waits for it). */
  private static final InboxEntry CLAIMED_ELSEWHERE = new InboxEntry("", InboxEntry.State.PENDING, new JsonObject(),
      "", URI.create("urn:claimed"), "", Instant.EPOCH, 0, null);
  /** A claim older than this, never persisted, was left by a process that died: it may be taken over. */
  static final Duration STALE_CLAIM = Duration.ofSeconds(30);
  /** How long an answer waits for another process to persist an activity it claimed, and how often it looks. */
  static final Duration CLAIM_WAIT = Duration.ofSeconds(3);
  private static final long CLAIM_POLL_MS = 50;
  /** The fsynced write of accepted activities (seen id + pending log entry), grouped. */
  private final GroupCommit accepted;

  InboxAcceptance(Clock clock, WorkerExecutor worker, KvStore store, InboxPolicy policy, InboxSeen seen,
      InboxLog log, InboxProcessor processor, Supplier<String> ids, boolean sharedStore) {
    this.sharedStore = sharedStore;
    this.clock = clock;
    this.worker = worker;
    this.policy = policy;
    this.seen = seen;
    this.log = log;
    this.processor = processor;
    this.ids = ids;
    this.accepted = new GroupCommit(store, Durability.SYNC, "coordo-inbox-commit", 512);
  }

  /** Policy, then dedupe and persist in one step per activity id. */
  Future<Accepted> accept(String localName, JsonObject activity, URI actor) {
    String type = As.typeOf(activity);
    String activityId = activity.getString("id");
    if (!processor.accepts(type)) {
      return worker.executeBlocking(() -> {
        checkPolicy(actor);
        LOG.info("inbox: {} {} from {} ignored (type not handled)", type, activityId, actor);
        return Accepted.done(InboxHandler.Outcome.IGNORED);
      }, false);
    }
    Instant now = clock.instant();
    // One worker task: policy and dedupe. The fsynced write goes to the group commit, which writes the
    // activities accepted meanwhile with the same fsync.
    return worker.executeBlocking(() -> {
      checkPolicy(actor);
      if (!accepting.add(activityId)) {
        return null; // the same activity is being accepted by a concurrent request
      }
      try {
        if (seen.seen(activityId)) {
          accepting.remove(activityId);
          return null;
        }
        if (sharedStore && !seen.claim(activityId, now, STALE_CLAIM)) {
          accepting.remove(activityId);
          return CLAIMED_ELSEWHERE;
        }
      } catch (RuntimeException e) {
        accepting.remove(activityId);
        throw e;
      }
      return new InboxEntry(ids.get(), InboxEntry.State.PENDING, activity, type, actor, localName, now, 0, null);
    }, false).compose(entry -> {
      if (entry == CLAIMED_ELSEWHERE) {
        return awaitOtherProcess(type, activityId, System.nanoTime() + CLAIM_WAIT.toNanos());
      }
      if (entry == null) {
        LOG.debug("inbox: {} {} already received", type, activityId);
        return Future.succeededFuture(Accepted.done(InboxHandler.Outcome.DUPLICATE));
      }
      Consumer<KvBatch> logged = log.changes(entry);
      Future<Void> written = Future.fromCompletionStage(accepted.submit(batch -> {
        seen.markSeen(batch, activityId, entry.id(), now);
        logged.accept(batch);
      }), Vertx.currentContext());
      if (sharedStore) {
        // Not persisted: let the sender's retry (or another process) claim it at once rather than after STALE_CLAIM.
        written = written.onFailure(e -> worker.executeBlocking(() -> {
          seen.dropClaims(activityId);
          return null;
        }, false));
      }
      // Forgotten only once the seen id is readable (or the write failed): no window for a duplicate.
      return written.eventually(() -> {
        accepting.remove(activityId);
        return Future.succeededFuture();
      }).map(v -> Accepted.toProcess(entry));
    });
  }

  /**
   * Another process claimed the activity and is persisting it: answer as a duplicate once it is seen, or 503 (the
   * sender retries) if it is still not after {@link #CLAIM_WAIT} — that process may have died meanwhile.
   */
  private Future<Accepted> awaitOtherProcess(String type, String activityId, long deadline) {
    return worker.executeBlocking(() -> seen.seen(activityId), false).compose(done -> {
      if (done) {
        LOG.debug("inbox: {} {} accepted by another process", type, activityId);
        return Future.succeededFuture(Accepted.done(InboxHandler.Outcome.DUPLICATE));
      }
      if (System.nanoTime() > deadline) {
        return Future.failedFuture(new FederationException(503, "this activity is being received; try again"));
      }
      return Vertx.currentContext().owner().timer(CLAIM_POLL_MS)
          .compose(t -> awaitOtherProcess(type, activityId, deadline));
    });
  }

  /** The {@link InboxPolicy} check (blocked domain or actor → 403); blocking, run on the worker. */
  private void checkPolicy(URI actor) {
    if (policy.blocksDomain(InboxChecks.host(actor)) || policy.blocksActor(actor)) {
      throw new FederationException(403, "this node does not accept activities from " + InboxChecks.host(actor));
    }
  }

  /** Writes what is still queued for the fsynced write, then stops its writer thread. */
  void close() {
    accepted.close();
  }
}
