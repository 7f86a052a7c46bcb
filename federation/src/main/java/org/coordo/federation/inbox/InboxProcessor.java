package org.coordo.federation.inbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.coordo.federation.FederationException;
import org.coordo.federation.Ownership;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.follow.FollowRef;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.FollowState;
import org.coordo.federation.Follower;
import org.coordo.federation.remote.RemoteActors;
import org.coordo.federation.spi.InboundActivity;
import org.coordo.federation.spi.InboxListener;
import org.coordo.federation.KeyedSequencer;
import org.coordo.federation.vocab.As;
import org.coordo.storage.Cursor;
import org.coordo.storage.Durability;
import org.coordo.storage.GroupCommit;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies persisted inbox entries: the protocol side effects of the activity type, then the
 * server's listeners for that type, then marks the entry processed. One remote actor's entries are
 * processed in order. Everything here is idempotent, because entries left pending by a crash are
 * replayed at start ({@link #replayPending()}); a failed entry is kept FAILED with its error and
 * replayed too, up to {@link #MAX_ATTEMPTS}.
 */
public final class InboxProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(InboxProcessor.class);

  /** The types with protocol-level handling; others are accepted only when a listener wants them. */
  public static final Set<String> PROTOCOL_TYPES = Set.of(
      "Follow", "Undo", "Accept", "Reject", "Create", "Update", "Delete", "Announce", "Like", "Flag", "Block");
  public static final int MAX_ATTEMPTS = 5;
  private static final List<String> ADDRESSING = List.of("to", "cc", "bto", "bcc", "audience");

  private final KvStore store;
  private final WorkerExecutor worker;
  private final Clock clock;
  private final Uris uris;
  private final InboxLog log;
  private final InboxSeen seen;
  private final FollowRepository follows;
  private final RemoteActors remoteActors;
  private final LocalActors localActors;
  private final FollowEffects followEffects;
  private final InboxListeners listeners;
  private final KeyedSequencer sequencer = new KeyedSequencer();
  /** Writes the entries' final state (WAL, not fsynced), grouped. */
  private final GroupCommit marks;

  public InboxProcessor(
      KvStore store,
      WorkerExecutor worker,
      Clock clock,
      Uris uris,
      InboxLog log,
      InboxSeen seen,
      FollowRepository follows,
      RemoteActors remoteActors,
      LocalActors localActors,
      FollowEffects followEffects,
      InboxListeners listeners) {
    this.store = store;
    this.worker = worker;
    this.clock = clock;
    this.uris = uris;
    this.log = log;
    this.seen = seen;
    this.follows = follows;
    this.remoteActors = remoteActors;
    this.localActors = localActors;
    this.followEffects = followEffects;
    this.listeners = listeners;
    this.marks = new GroupCommit(store, Durability.WAL, "coordo-inbox-marks", 512);
  }

  /** Writes the final states still queued, then stops their writer thread. */
  public void close() {
    marks.close();
  }

  /** Whether the inbox accepts this type (protocol types and types a listener was registered for). */
  public boolean accepts(String type) {
    return type != null && (PROTOCOL_TYPES.contains(type) || !listeners.forType(type).isEmpty());
  }

  /** Processes one persisted entry; never fails (a failure is recorded on the entry). */
  public Future<InboxEntry> process(InboxEntry entry) {
    return sequencer.run(entry.actor().toString(), () -> apply(entry.withAttempt())
        .compose(deliver -> deliver ? callListeners(entry) : Future.succeededFuture())
        .transform(ar -> {
          InboxEntry done = ar.succeeded()
              ? entry.withAttempt().withState(InboxEntry.State.PROCESSED, null)
              : entry.withAttempt().withState(InboxEntry.State.FAILED, safe(ar.cause()));
          if (ar.failed()) {
            LOG.warn("inbox entry {} ({} {} from {}) failed: {}", entry.id(), entry.type(),
                entry.activity().getString("id"), entry.actor(), ar.cause().toString());
          }
          // Grouped with the other entries finished meanwhile; a crash before the write only means
          // the entry is replayed (processing is idempotent).
          return Future.fromCompletionStage(marks.submit(log.changes(done)), Vertx.currentContext()).map(done);
        }));
  }

  /** Replays every unfinished entry (left pending by a crash, or failed with attempts left), in order. */
  public Future<Integer> replayPending() {
    return replayPending(Instant.MAX);
  }

  /**
   * Replays the unfinished entries received before {@code receivedBefore}: a periodic retry passes a
   * time a few minutes ago, so that entries still being processed by a live request are left alone.
   */
  public Future<Integer> replayPending(Instant receivedBefore) {
    return worker.executeBlocking(() -> log.unfinished(10_000), false).compose(entries -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (InboxEntry e : entries) {
        if (e.attempts() >= MAX_ATTEMPTS || !e.receivedAt().isBefore(receivedBefore)) {
          continue;
        }
        chain = chain.compose(n -> process(e).map(done -> n + 1));
      }
      return chain;
    });
  }

  /**
   * Housekeeping, to run daily: forgets processed log entries older than {@code keepLog} (Flags and
   * unfinished entries stay) and dedupe ids older than {@code keepSeen} (keep them well beyond the
   * senders' retry window, e.g. 30 days). Tombstones are kept. Returns the number of records deleted.
   */
  public Future<Integer> prune(Duration keepLog, Duration keepSeen) {
    return worker.executeBlocking(() -> {
      Instant now = clock.instant();
      int total = 0;
      int n;
      do {
        n = log.pruneProcessed(now.minus(keepLog), 1000);
        total += n;
      } while (n == 1000);
      do {
        n = seen.pruneSeen(now.minus(keepSeen), 1000);
        total += n;
      } while (n == 1000);
      return total;
    }, false);
  }

  /** Flag reports received, newest first (for moderators). */
  public Future<Page<InboxEntry>> flags(Cursor after, int limit) {
    return worker.executeBlocking(() -> log.flags(after, limit), false);
  }

  /** The follow effects (approve / reject of pending followers). */
  public FollowEffects follows() {
    return followEffects;
  }

  /** Protocol side effects; true when the listeners should be called. */
  private Future<Boolean> apply(InboxEntry entry) {
    JsonObject activity = entry.activity();
    URI actor = entry.actor();
    return switch (entry.type()) {
      case "Follow" -> followEffects.onFollow(activity, actor);
      case "Undo" -> followEffects.onUndoFollow(activity, actor).map(wasFollow -> true);
      case "Accept" -> followEffects.onAcceptOrReject(activity, actor, true).map(true);
      case "Reject" -> followEffects.onAcceptOrReject(activity, actor, false).map(true);
      case "Block" -> followEffects.onBlock(activity, actor).map(true);
      case "Create" -> onCreate(activity, actor);
      case "Update" -> onUpdate(activity, actor);
      case "Delete" -> onDelete(activity, actor);
      default -> Future.succeededFuture(true);
    };
  }

  /** A Create is dropped when its object was deleted before by its creator or one of its authors. */
  private Future<Boolean> onCreate(JsonObject activity, URI actor) {
    Object object = activity.getValue("object");
    String objectId = As.idOf(object);
    JsonObject embedded = object instanceof JsonObject o ? o : null;
    return worker.executeBlocking(() -> {
      for (URI deleter : seen.deletersOf(objectId)) {
        if (Ownership.tombstoneApplies(deleter, actor, embedded)) {
          LOG.info("Create {} of {} ignored: the object was deleted before", activity.getString("id"), objectId);
          return false;
        }
      }
      return true;
    }, false);
  }

  private Future<Boolean> onUpdate(JsonObject activity, URI actor) {
    Object object = activity.getValue("object");
    String objectId = As.idOf(object);
    if (objectId == null || !Ownership.sameOrigin(objectId, actor)) {
      LOG.info("Update {} by {} of {} ignored: not the actor's own object", activity.getString("id"), actor, objectId);
      return Future.succeededFuture(false);
    }
    if (objectId.equals(actor.toString()) && object instanceof JsonObject doc) {
      return remoteActors.storeOwnDocument(actor, doc).compose(updated -> worker.executeBlocking(() -> {
        // Deliveries read the inboxes stored with each follower: keep them in step with the document.
        for (FollowRef ref : follows.relationsOf(actor)) {
          if (ref.direction() == FollowRef.Direction.FOLLOWER) {
            follows.findFollower(ref.localName(), actor)
                .filter(f -> !f.inbox().equals(updated.inbox()) || !Objects.equals(f.sharedInbox(), updated.sharedInbox()))
                .ifPresent(f -> follows.write(b -> follows.putFollower(b, new Follower(f.localName(), f.actorId(),
                    f.state(), f.followActivityId(), f.followedAt(), updated.inbox(), updated.sharedInbox())),
                    Durability.SYNC));
          }
        }
        return true;
      }, false));
    }
    return Future.succeededFuture(true);
  }

  private Future<Boolean> onDelete(JsonObject activity, URI actor) {
    String objectId = As.idOf(activity.getValue("object"));
    if (objectId == null || !Ownership.sameOrigin(objectId, actor)) {
      LOG.info("Delete {} by {} of {} ignored: not the actor's own object", activity.getString("id"), actor, objectId);
      return Future.succeededFuture(false);
    }
    boolean self = objectId.equals(actor.toString());
    Future<Void> written = worker.executeBlocking(() -> {
      try (KvBatch batch = store.newBatch()) {
        seen.putTombstone(batch, objectId, actor, clock.instant());
        if (self) {
          follows.removeAllOf(batch, actor);
        }
        store.write(batch, Durability.SYNC);
      }
      return null;
    }, false);
    return (self ? written.compose(v -> remoteActors.forget(actor)) : written).map(true);
  }

  private Future<Void> callListeners(InboxEntry entry) {
    List<InboxListener> forType = listeners.forType(entry.type());
    if (forType.isEmpty()) {
      return Future.succeededFuture();
    }
    return recipients(entry).compose(recipients -> {
      InboundActivity inbound = new InboundActivity(entry.activity(), entry.type(), entry.actor(), recipients,
          entry.receivedAt());
      Future<Void> chain = Future.succeededFuture();
      for (InboxListener listener : forType) {
        chain = chain.compose(v -> {
          try {
            return listener.onActivity(inbound);
          } catch (RuntimeException e) {
            return Future.failedFuture(e);
          }
        });
      }
      return chain;
    });
  }

  /**
   * Local actor names the activity concerns: the owner of the inbox it was posted to; local actors
   * named in to/cc/bto/bcc/audience (of the activity or its embedded object) or whose followers
   * collection is named; the local actor a Follow/Block names; and local actors that follow the
   * sender when the sender's own followers collection is named. Only existing actors are kept.
   */
  Future<Set<String>> recipients(InboxEntry entry) {
    JsonObject activity = entry.activity();
    Set<String> ids = new LinkedHashSet<>();
    for (String property : ADDRESSING) {
      ids.addAll(As.idsOf(activity, property));
      if (activity.getValue("object") instanceof JsonObject object) {
        ids.addAll(As.idsOf(object, property));
      }
    }
    if (Set.of("Follow", "Block").contains(entry.type())) {
      String objectId = As.idOf(activity.getValue("object"));
      if (objectId != null) {
        ids.add(objectId);
      }
    }
    Set<String> names = new LinkedHashSet<>();
    if (entry.inboxOwner() != null) {
      names.add(entry.inboxOwner());
    }
    for (String id : ids) {
      localNameOf(id).ifPresent(names::add);
    }
    URI actor = entry.actor();
    return remoteActors.findStoredActor(actor).compose(remote -> {
      String theirFollowers = remote.map(r -> r.followers()).orElse(null);
      if (theirFollowers == null || !ids.contains(theirFollowers)) {
        return Future.succeededFuture(names);
      }
      return worker.executeBlocking(() -> {
        names.addAll(follows.acceptedFollowersOf(actor));
        return names;
      }, false);
    }).compose(this::existing);
  }

  private Optional<String> localNameOf(String id) {
    Optional<String> actorName = uris.localActorName(id);
    return actorName.isPresent() ? actorName : uris.localFollowersOwner(id);
  }

  private Future<Set<String>> existing(Set<String> names) {
    List<Future<Optional<?>>> checks = new ArrayList<>();
    List<String> order = new ArrayList<>(names);
    for (String name : order) {
      checks.add(localActors.find(name).map(o -> o));
    }
    return Future.all(checks).map(all -> {
      Set<String> out = new LinkedHashSet<>();
      for (int i = 0; i < order.size(); i++) {
        Optional<?> found = all.resultAt(i);
        if (found.isPresent()) {
          out.add(order.get(i));
        }
      }
      return Set.copyOf(out);
    });
  }

  private static String safe(Throwable t) {
    if (t instanceof FederationException fe) {
      return fe.safeMessage();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) : m));
  }
}
