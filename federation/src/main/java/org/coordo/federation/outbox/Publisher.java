package org.coordo.federation.outbox;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.coordo.federation.FederationException;
import org.coordo.federation.Uris;
import org.coordo.federation.actor.LocalActors;
import org.coordo.federation.delivery.DeliveryJob;
import org.coordo.federation.delivery.DeliveryOrder;
import org.coordo.federation.follow.FollowRepository;
import org.coordo.federation.host.SoftwareFamily;
import org.coordo.federation.inbox.ActivitySender;
import org.coordo.federation.vocab.As;
import org.coordo.federation.vocab.XsdDateTime;
import org.coordo.storage.Durability;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes activities of local actors: completes them (id, actor, published), works out the
 * delivery inboxes, and writes everything in ONE atomic, fsynced batch — the caller's own records,
 * the activities, the outbox entries (public and unlisted activities only) and one delivery job per
 * distinct inbox for the whole change (which of the change's activities a server gets is decided when
 * the job is sent, from its software: {@link DeliveryForms}). A crash after the write loses nothing (the jobs are on disk); a crash before it
 * leaves nothing. The delivery worker is woken right after.
 *
 * <p>Recipients: the actor's own followers collection → its accepted followers' delivery inboxes
 * (shared inbox preferred); a remote actor id → its inbox (its shared inbox when the activity is
 * public, since that inbox serves every addressee on that server); the public collection and local
 * ids → nothing over HTTP. Remote actors are resolved before the write; one that cannot be resolved is
 * logged and skipped. {@code bto}/{@code bcc} are used for delivery and removed from what is stored
 * and sent.
 */
public final class Publisher implements ActivitySender {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  private final KvStore store;
  private final WorkerExecutor worker;
  private final Uris uris;
  private final Clock clock;
  private final Supplier<String> ids;
  private final LocalActors actors;
  private final ActivityRepository activities;
  private final OutboxRepository outbox;
  private final FollowRepository follows;
  private final DurableQueue queue;
  private final RecipientResolver resolver;
  private volatile Runnable onEnqueued = () -> {};

  public Publisher(
      KvStore store,
      WorkerExecutor worker,
      Uris uris,
      Clock clock,
      Supplier<String> ids,
      LocalActors actors,
      ActivityRepository activities,
      OutboxRepository outbox,
      FollowRepository follows,
      DurableQueue queue,
      RecipientResolver resolver) {
    this.store = store;
    this.worker = worker;
    this.uris = uris;
    this.clock = clock;
    this.ids = ids;
    this.actors = actors;
    this.activities = activities;
    this.outbox = outbox;
    this.follows = follows;
    this.queue = queue;
    this.resolver = resolver;
  }

  /** Called after every write that enqueued jobs (the delivery worker's wake-up). */
  public void onEnqueued(Runnable wakeUp) {
    this.onEnqueued = wakeUp == null ? () -> {} : wakeUp;
  }

  /** For the inbox's answers (Accept, Reject): {@link #publish(String, JsonObject)}. */
  @Override
  public Future<URI> send(String localName, JsonObject activity) {
    return publish(localName, activity);
  }

  /** {@link #publish(String, JsonObject, Consumer)} with nothing else to write. */
  public Future<URI> publish(String actorName, JsonObject activity) {
    return publish(actorName, activity, batch -> {});
  }

  /**
   * Publishes an activity of the local actor {@code actorName}.
   *
   * @param activity the activity; {@code id} (a local URI) and {@code published} are filled in when
   *     missing, {@code actor} is always set to the local actor
   * @param alsoWrite adds the caller's records (its object, its indexes) to the same batch; it runs on
   *     a worker thread and may read the store; if it throws, nothing at all is written
   * @return the activity id, once the batch is on disk; fails with 400 on a malformed activity, 404
   *     for an unknown actor
   */
  public Future<URI> publish(String actorName, JsonObject activity, Consumer<KvBatch> alsoWrite) {
    return publishAll(actorName, List.of(activity), alsoWrite).map(ids -> ids.get(0));
  }

  /**
   * Publishes several activities of {@code actorName} as one change: the caller's records, every
   * activity, their outbox entries and all their delivery jobs in ONE batch (e.g. a Create and the
   * group's Announces of it: a crash leaves all of them or none).
   *
   * @return the activity ids, in order, once the batch is on disk
   */
  public Future<List<URI>> publishAll(String actorName, List<JsonObject> activities, Consumer<KvBatch> alsoWrite) {
    if (activities == null || activities.isEmpty()) {
      return Future.failedFuture(FederationException.badRequest("nothing to publish"));
    }
    List<JsonObject> prepared = new ArrayList<>();
    try {
      for (JsonObject activity : activities) {
        if (activity == null || As.typeOf(activity) == null) {
          throw FederationException.badRequest("an activity needs a type");
        }
        prepared.add(complete(actorName, activity.copy()));
      }
    } catch (FederationException e) {
      return Future.failedFuture(e);
    }
    return actors
        .require(actorName)
        .compose(actor -> {
          List<Future<List<URI>>> lookups = new ArrayList<>();
          for (JsonObject activity : prepared) {
            lookups.add(resolveExplicit(actorName, activity));
          }
          return Future.all(lookups);
        })
        .compose(explicit -> worker.executeBlocking(() -> {
          List<List<URI>> inboxes = new ArrayList<>();
          for (int i = 0; i < prepared.size(); i++) {
            inboxes.add(explicit.resultAt(i));
          }
          return write(actorName, prepared, inboxes, alsoWrite);
        }, false))
        .map(jobs -> {
          if (jobs > 0) {
            onEnqueued.run();
          }
          return prepared.stream().map(a -> URI.create(a.getString("id"))).toList();
        });
  }

  /** Fills in id, actor and published. */
  private JsonObject complete(String actorName, JsonObject activity) {
    String id = activity.getString("id");
    if (id == null || id.isBlank()) {
      activity.put("id", uris.activity(ids.get()).toString());
    } else if (!isLocal(id)) {
      throw FederationException.badRequest("a published activity's id must be a URL of this node");
    }
    activity.put("actor", actorUri(actorName).toString());
    if (!activity.containsKey("@context")) {
      activity.put("@context", As.context());
    }
    if (activity.getString("published") == null) {
      activity.put("published", XsdDateTime.format(clock.instant()));
    }
    return activity;
  }

  /** Remote actor ids named in the addressing → their delivery inbox (unresolvable ones skipped). */
  private Future<List<URI>> resolveExplicit(String actorName, JsonObject activity) {
    boolean shared = Addressing.isPublicOrUnlisted(activity);
    String followers = uris.followers(actorName).toString();
    List<Future<Optional<URI>>> lookups = new ArrayList<>();
    for (String id : Addressing.recipients(activity)) {
      if (As.isPublicId(id) || id.equals(followers) || isLocal(id)) {
        continue;
      }
      URI actorId;
      try {
        actorId = new URI(id);
      } catch (Exception e) {
        LOG.warn("publish {}: skipping malformed recipient {}", activity.getString("id"), id);
        continue;
      }
      if (!actorId.isAbsolute()) {
        continue;
      }
      lookups.add(resolver
          .inboxesOf(actorId)
          .map(inboxes -> Optional.of(shared && inboxes.sharedInbox() != null ? inboxes.sharedInbox() : inboxes.inbox()))
          .recover(err -> {
            LOG.warn("publish {}: recipient {} not resolved, skipped: {}", activity.getString("id"), id, err.toString());
            return Future.succeededFuture(Optional.empty());
          }));
    }
    return Future.all(lookups).map(all -> {
      List<URI> out = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Optional<URI> inbox = all.resultAt(i);
        inbox.ifPresent(out::add);
      }
      return out;
    });
  }

  /**
   * The one atomic write (blocking): one delivery job per inbox for the whole change, listing the change's
   * activities for that inbox with their audience ({@link DeliveryForms}). Returns the number of jobs enqueued.
   */
  private int write(String actorName, List<JsonObject> prepared, List<List<URI>> explicitInboxes,
      Consumer<KvBatch> alsoWrite) {
    Instant now = clock.instant();
    List<String> logged = new ArrayList<>();
    Set<URI> followerInboxes = null; // read once for all the activities of the change
    List<Set<SoftwareFamily>> audiences = DeliveryForms.audiences(prepared);
    Map<URI, List<DeliveryJob.Part>> byInbox = new LinkedHashMap<>();
    try (KvBatch batch = store.newBatch()) {
      alsoWrite.accept(batch);
      for (int i = 0; i < prepared.size(); i++) {
        JsonObject activity = prepared.get(i);
        Set<URI> inboxes = new LinkedHashSet<>();
        if (Addressing.recipients(activity).contains(uris.followers(actorName).toString())) {
          if (followerInboxes == null) {
            followerInboxes = follows.acceptedFollowerInboxes(actorName);
          }
          inboxes.addAll(followerInboxes);
        }
        inboxes.addAll(explicitInboxes.get(i));
        inboxes.removeIf(inbox -> isLocal(inbox.toString()));
        JsonObject stored = Addressing.withoutBlind(activity);
        URI id = URI.create(stored.getString("id"));
        activities.put(batch, stored);
        if (Addressing.isPublicOrUnlisted(stored)) {
          outbox.add(batch, actorName, publishedOf(stored, now), id);
        }
        DeliveryJob.Part part = new DeliveryJob.Part(id, audiences.get(i));
        for (URI inbox : inboxes) {
          byInbox.computeIfAbsent(inbox, k -> new ArrayList<>()).add(part);
        }
        logged.add(As.typeOf(stored) + " " + id + " to " + inboxes.size() + " inbox(es)"
            + (part.forEveryone() ? "" : " (for " + audiences.get(i) + ")"));
      }
      for (URI inbox : DeliveryOrder.acrossHosts(byInbox.keySet())) { // so that each claim spans many hosts
        queue.enqueue(batch, now, new DeliveryJob(byInbox.get(inbox), actorName, inbox).encode());
      }
      store.write(batch, Durability.SYNC);
    }
    for (String line : logged) {
      LOG.info("published {} by {}", line, actorName);
    }
    return byInbox.size();
  }

  private static Instant publishedOf(JsonObject activity, Instant fallback) {
    try {
      return Instant.parse(activity.getString("published"));
    } catch (DateTimeParseException | NullPointerException e) {
      return fallback;
    }
  }

  private URI actorUri(String actorName) {
    return Uris.INSTANCE_ACTOR_NAME.equals(actorName) ? uris.instanceActor() : uris.actor(actorName);
  }

  private boolean isLocal(String id) {
    return Uris.parse(id).map(uris::isLocal).orElse(false);
  }
}
