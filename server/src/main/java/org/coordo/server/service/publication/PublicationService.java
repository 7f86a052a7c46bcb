package org.coordo.server.service.publication;

import org.coordo.server.data.StoreCalls;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.coordo.federation.Uris;
import org.coordo.federation.KeyedSequencer;
import org.coordo.server.auth.Principal;
import org.coordo.server.convert.PublicationActivities;
import org.coordo.server.data.publication.MediaRepository;
import org.coordo.server.data.publication.PublicationRepository;
import org.coordo.server.domain.Audience;
import org.coordo.server.domain.publication.EventLocation;
import org.coordo.server.domain.publication.EventStatus;
import org.coordo.server.domain.publication.MediaRef;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;
import org.coordo.server.error.NodeError;
import org.coordo.server.domain.publication.Visibility;
import org.coordo.server.text.MarkdownRenderer;
import org.coordo.server.text.TextWork;
import org.coordo.storage.Cursor;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.Page;

/**
 * Creating, editing, publishing and deleting calls, minutes and events.
 *
 * <p>Rights: members ({@link Principal#canDraftFor}) write and edit their own drafts; editors
 * ({@link Principal#canPublishFor}) publish, edit anything, delete anything. Drafts are written
 * locally and never federated. Publishing writes, in one batch (federation's publisher), the record,
 * its index entries, the {@code Create}, the group's two {@code Announce}s (FEP-1b12 wrapped, and a
 * plain boost of the object for Mastodon) and all their delivery jobs. Updates send the whole new
 * object in an {@code Update} (announced by the group); deletes leave a tombstone and send a
 * {@code Delete} (announced too).
 */
public final class PublicationService {
  public static final int MAX_PAGE = 100;

  private final StoreCalls storage;
  private final PublicationRepository repository;
  private final MediaRepository media;
  private final PublicationFederation federation;
  private final PublicationActivities activities;
  private final MarkdownRenderer markdown;
  private final TextWork text;
  private final Uris uris;
  private final Clock clock;
  private final Supplier<String> ids;
  private final KeyedSequencer sequencer = new KeyedSequencer();
  private final AuthorDefaults authorDefaults;

  /** Whether a collective publishes as the collective by default (its setting; false when unknown). */
  @FunctionalInterface
  public interface AuthorDefaults {
    Future<Boolean> asCollective(String collective);

    /** Every collective names its authors unless the editor chooses otherwise. */
    AuthorDefaults NAMED = collective -> Future.succeededFuture(false);
  }
  private final List<PublicationWriteListener> writeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Resolves the day of action an editor links an event to (issue 17): its ActivityPub id, or a 400 saying
   * why it is none.
   */
  @FunctionalInterface
  public interface ActionDayLinks {
    Future<String> requireLinkable(String given);

    /** The days an event may be linked to from the event form (upcoming ones), soonest first. */
    default Future<List<org.coordo.server.domain.actionday.DayOfAction>> linkable() {
      return Future.succeededFuture(List.of());
    }

    /** No days of action known: every link refused. */
    ActionDayLinks NONE = given -> Future.failedFuture(NodeError.badRequest("This node knows no day of action."));
  }

  private volatile ActionDayLinks actionDayLinks = ActionDayLinks.NONE;

  /** Sets who checks events' links to days of action; set before the node serves requests. */
  public void checkActionDayLinksWith(ActionDayLinks links) {
    this.actionDayLinks = Objects.requireNonNull(links);
  }

  /** The days of action the event form offers (upcoming, known to this node); none when they cannot be read. */
  public Future<List<org.coordo.server.domain.actionday.DayOfAction>> linkableActionDays() {
    return actionDayLinks.linkable();
  }

  /**
   * The input with its event's link to a day of action resolved to the day's id (a 400 when it names none);
   * a link left as it was is not checked again (the day may be out of reach for a while).
   */
  private Future<PublicationInput> resolveLinks(PublicationInput in, Publication existing) {
    String given = in.event() == null ? null : in.event().actionDay();
    if (given == null) {
      return Future.succeededFuture(in);
    }
    if (existing != null && existing.event() != null && given.equals(existing.event().actionDay())) {
      return Future.succeededFuture(in);
    }
    return actionDayLinks.requireLinkable(given).map(uri -> in.withEvent(in.event().withActionDay(uri)));
  }

  public PublicationService(
      StoreCalls storage,
      PublicationRepository repository,
      MediaRepository media,
      PublicationFederation federation,
      PublicationActivities activities,
      MarkdownRenderer markdown,
      TextWork text,
      Uris uris,
      Clock clock,
      Supplier<String> ids,
      AuthorDefaults authorDefaults) {
    this.storage = storage;
    this.repository = repository;
    this.media = media;
    this.federation = federation;
    this.activities = activities;
    this.markdown = markdown;
    this.text = text;
    this.uris = uris;
    this.clock = clock;
    this.ids = ids;
    this.authorDefaults = authorDefaults;
  }

  /**
   * Adds what is written with every change of a publication, in its batch (see {@link
   * PublicationWriteListener}). Register before the node serves requests.
   */
  public void onWrite(PublicationWriteListener listener) {
    writeListeners.add(listener);
  }

  /** Creates a draft, or publishes right away when {@code publish}. */
  public Future<Publication> create(
      Principal who, String collective, PublicationKind kind, PublicationInput input, boolean publish) {
    try {
      if (publish) {
        who.requirePublishFor(collective);
      } else {
        who.requireDraftFor(collective);
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Instant now = clock.instant();
    Future<Boolean> asCollective = input.asCollective() != null ? Future.succeededFuture(input.asCollective())
        : authorDefaults.asCollective(collective);
    return asCollective.compose(hidden -> resolveLinks(input, null).compose(in -> render(in).compose(html ->
        storage.call(store -> build(null, ids.get(), collective, kind, who.username(), hidden, in, html,
            publish ? PublicationState.PUBLISHED : PublicationState.DRAFT, now, publish ? now : null, null)))))
        .compose(p -> p.isPublished() ? federateNew(p, null) : writeLocal(p, null));
  }

  /** Whether new publications of that collective are published as the collective unless chosen otherwise. */
  public Future<Boolean> asCollectiveByDefault(String collective) {
    return authorDefaults.asCollective(collective);
  }

  /**
   * What an edit does to the audience: unchanged when not given; internal to public is allowed (it is
   * federated then, as if newly published); public to internal is refused once published, since it
   * has already left the node (409 with the reason).
   */
  static Audience nextAudience(Publication existing, PublicationInput input) {
    Audience wanted = input.audience() == null ? existing.audience() : input.audience();
    if (existing.isPublished() && !existing.isMembersOnly() && wanted == Audience.MEMBERS) {
      throw NodeError.conflict(PUBLIC_STAYS_PUBLIC);
    }
    return wanted;
  }

  /** Why a published public publication cannot become members-only. */
  public static final String PUBLIC_STAYS_PUBLIC = "This publication is already public: it has been sent to other "
      + "servers and feeds, which keep their copy, so it cannot become members-only. Delete it instead if needed.";

  /** Replaces the editable fields; {@code publish} also publishes a draft. */
  public Future<Publication> update(Principal who, PublicationKey key, PublicationInput input, boolean publish) {
    return sequencer.run(key.path(), () -> require(key).compose(existing -> {
      checkEdit(who, existing, publish);
      boolean asCollective = input.asCollective() == null ? existing.asCollective() : input.asCollective();
      if (existing.isPublished() && asCollective != existing.asCollective()) {
        throw NodeError.invalid("asCollective", existing.asCollective()
            ? "already published as the collective: naming the author now is not possible"
            : "already published with the author's name, which has left the node: it cannot be hidden now");
      }
      Instant now = clock.instant();
      Audience audience = nextAudience(existing, input);
      // a members-only publication made public is published to the world now, as if new
      boolean wasPublished = existing.isPublished() && !(existing.isMembersOnly() && audience == Audience.PUBLIC);
      boolean published = existing.isPublished() || publish;
      return resolveLinks(input, existing).compose(in -> render(in).compose(html -> storage.call(store -> build(
              existing, existing.id(), key.collective(),
              key.kind(), existing.authorName(), asCollective, in, html,
              published ? PublicationState.PUBLISHED : PublicationState.DRAFT,
              existing.createdAt(), published ? (wasPublished ? existing.publishedAt() : now) : null,
              wasPublished ? now : null).withAudience(audience))))
          .compose(next -> {
            if (wasPublished) {
              return federateUpdate(next, existing);
            }
            return published ? federateNew(next, existing) : writeLocal(next, existing);
          });
    }));
  }

  /** Publishes a draft as it is (no-op for a published one). */
  public Future<Publication> publish(Principal who, PublicationKey key) {
    return sequencer.run(key.path(), () -> require(key).compose(existing -> {
      who.requirePublishFor(key.collective());
      if (existing.isPublished()) {
        return Future.succeededFuture(existing);
      }
      Instant now = clock.instant();
      Publication next = existing.withState(PublicationState.PUBLISHED).withTimes(now, null, null);
      return federateNew(next, existing);
    }));
  }

  /** Cancels an event: an Update with {@code eventStatus} Cancelled. */
  public Future<Publication> cancel(Principal who, PublicationKey key) {
    if (key.kind() != PublicationKind.EVENT) {
      return Future.failedFuture(NodeError.badRequest("only events can be cancelled"));
    }
    return sequencer.run(key.path(), () -> require(key).compose(existing -> {
      who.requirePublishFor(key.collective());
      Publication next = existing.withEvent(existing.event().withStatus(EventStatus.Cancelled));
      if (!existing.isPublished()) {
        return writeLocal(next, existing);
      }
      return federateUpdate(next.withTimes(existing.publishedAt(), clock.instant(), null), existing);
    }));
  }

  /** Deletes: a draft or a members-only one vanishes; a published public one becomes a tombstone and a Delete is federated. */
  public Future<Void> delete(Principal who, PublicationKey key) {
    return sequencer.run(key.path(), () -> require(key).compose(existing -> {
      checkEdit(who, existing, false);
      if (!existing.isPublished() || existing.isMembersOnly()) {
        // it never left the node: nothing to tell anyone, no tombstone (a 410 would disclose it existed)
        return storage.call(store -> {
          try (KvBatch batch = store.newBatch()) {
            repository.remove(batch, existing);
            written(batch, null, existing);
            store.write(batch, Durability.SYNC);
          }
          return null;
        });
      }
      Publication tombstone = existing.tombstone(clock.instant());
      URI deleteId = uris.activity(ids.get());
      JsonObject delete = activities.delete(deleteId, tombstone);
      return federation.publish(key.collective(),
              List.of(delete, activities.announceActivity(uris.activity(ids.get()), tombstone, delete)),
              batch -> write(batch, tombstone, existing))
          .<Void>mapEmpty();
    }));
  }

  /** A publication as a reader may see it ({@link Visibility}): published ones for everybody, drafts for members. */
  public Future<Publication> get(Optional<Principal> who, PublicationKey key) {
    boolean member = who.isPresent() && who.get().canDraftFor(key.collective());
    return require(key).map(p -> {
      if (Visibility.of(p, member) != Visibility.SHOWN) {
        throw NodeError.notFound("publication");
      }
      return p;
    });
  }

  /** Any state, tombstones included (federation reads, the 410 answer); empty when unknown. */
  public Future<Optional<Publication>> find(PublicationKey key) {
    return storage.call(store -> repository.find(key));
  }

  /** Published publications newest first (events by start time), or drafts for members. */
  public Future<Page<Publication>> list(
      Optional<Principal> who, String collective, PublicationKind kind, boolean drafts, Cursor after, int limit) {
    if (drafts) {
      if (who.isEmpty()) {
        return Future.failedFuture(NodeError.unauthenticated());
      }
      if (!who.get().canDraftFor(collective)) {
        return Future.failedFuture(NodeError.forbidden(
            "You are not a member of collective '" + collective + "'."));
      }
    }
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    return storage.call(store -> repository.list(collective, kind, drafts, after, size));
  }

  /** Published members-only publications of a kind, newest first: members of the collective only. */
  public Future<Page<Publication>> membersOnly(Principal who, String collective, PublicationKind kind, Cursor after,
      int limit) {
    if (!who.canDraftFor(collective)) {
      return Future.failedFuture(NodeError.notFound("collective"));
    }
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    return storage.call(store -> repository.listMembersOnly(collective, kind, after, size));
  }

  /**
   * A collective's events from {@code from} on as its members see them, public and members-only,
   * soonest first, at most {@code limit} (a member's private calendar; no caller rights: the
   * calendar's secret is the right).
   */
  public Future<List<Publication>> upcomingForMembers(String collective, Instant from, int limit) {
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    return storage.call(store -> {
      List<Publication> all = new ArrayList<>(repository.upcoming(collective, from, null, size).items());
      all.addAll(repository.upcomingMembersOnly(collective, from, null, size).items());
      all.sort(Comparator.comparing((Publication x) -> x.event().startTime()).thenComparing(Publication::id));
      return List.copyOf(all.subList(0, Math.min(size, all.size())));
    });
  }

  /** How many of a collective's latest events (published and drafts) {@link #recentPlaces} reads. */
  static final int PLACES_SCAN = 200;

  /**
   * The places a collective's events used, most recent first, each once (same name and address,
   * ignoring case and spaces), at most {@code limit}: what the event form offers again. Members only.
   */
  public Future<List<EventLocation>> recentPlaces(Principal who, String collective, int limit) {
    if (!who.canDraftFor(collective)) {
      return Future.failedFuture(NodeError.forbidden("You are not a member of collective '" + collective + "'."));
    }
    return storage.call(store -> {
      List<Publication> events = new ArrayList<>(repository.list(collective, PublicationKind.EVENT, true, null,
          PLACES_SCAN).items());
      events.addAll(repository.list(collective, PublicationKind.EVENT, false, null, PLACES_SCAN).items());
      events.addAll(repository.listMembersOnly(collective, PublicationKind.EVENT, null, PLACES_SCAN).items());
      events.sort(Comparator.comparing((Publication x) -> x.updatedAt() != null ? x.updatedAt() : x.createdAt())
          .reversed());
      Map<String, EventLocation> places = new LinkedHashMap<>();
      for (Publication e : events) {
        EventLocation l = e.event() == null ? null : e.event().location();
        if (l == null || (l.name() == null && l.addressText() == null && l.address() == null)) {
          continue;
        }
        String address = l.addressText() != null ? l.addressText() : l.address() != null ? l.address().oneLine() : "";
        String key = (Objects.toString(l.name(), "") + "\n" + address).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        places.putIfAbsent(key, l);
        if (places.size() >= limit) {
          break;
        }
      }
      return List.copyOf(places.values());
    });
  }

  /** Published events of the collective from {@code now} on, soonest first. */
  public Future<Page<Publication>> upcoming(String collective, Cursor after, int limit) {
    return upcomingFrom(collective, clock.instant(), after, limit);
  }

  /** How many publications of a kind a collective has published (its public collection's size). */
  public Future<Long> countPublished(String collective, PublicationKind kind) {
    return storage.call(store -> repository.count(collective, kind));
  }

  /** Published publications of a kind, newest first (its public collection's pages). */
  public Future<Page<Publication>> published(String collective, PublicationKind kind, Cursor after, int limit) {
    return list(java.util.Optional.empty(), collective, kind, false, after, limit);
  }

  /** How many published events start from now on (the {@code upcomingEvents} collection's size). */
  public Future<Long> countUpcoming(String collective) {
    return storage.call(store -> repository.countUpcoming(collective, clock.instant()));
  }

  /** Published events of the collective that started before now, latest first (its archive). */
  public Future<Page<Publication>> past(String collective, Cursor after, int limit) {
    Instant now = clock.instant();
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    return storage.call(store -> repository.past(collective, now, after, size));
  }

  /** Published events starting from {@code from} on, soonest first (the agenda pages). */
  public Future<Page<Publication>> upcomingFrom(String collective, Instant from, Cursor after, int limit) {
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    return storage.call(store -> repository.upcoming(collective, from, after, size));
  }

  private Future<Publication> require(PublicationKey key) {
    return storage.call(store -> repository.find(key)
        .filter(p -> !p.isDeleted())
        .orElseThrow(() -> NodeError.notFound("publication")));
  }

  private static void checkEdit(Principal who, Publication existing, boolean publish) {
    String collective = existing.collective();
    if (existing.isPublished() || publish) {
      who.requirePublishFor(collective);
      return;
    }
    if (who.canPublishFor(collective)) {
      return;
    }
    who.requireDraftFor(collective);
    if (!who.username().equals(existing.authorName())) {
      throw NodeError.forbidden("Only its author or an editor can change this draft.");
    }
  }

  /** The Markdown content as sanitised HTML, rendered on the text workers within their time budget. */
  private Future<String> render(PublicationInput in) {
    return text.run(() -> markdown.toHtml(in.content()));
  }

  /** Runs on a worker: checks attachments exist, assembles the record around the rendered content. */
  private Publication build(Publication previous, String id, String collective, PublicationKind kind,
      String author, boolean asCollective, PublicationInput in, String contentHtml, PublicationState state,
      Instant created,
      Instant published, Instant updated) {
    FieldErrors errors = new FieldErrors();
    List<MediaRef> refs = new ArrayList<>();
    for (int i = 0; i < in.attachments().size(); i++) {
      AttachmentInput a = in.attachments().get(i);
      Optional<MediaRef> ref = media.find(a.hash());
      if (ref.isEmpty()) {
        errors.add("attachments[" + i + "]", "unknown attachment: upload it first");
      } else {
        refs.add(ref.get().withName(a.name()));
      }
    }
    errors.throwIfAny();
    return new Publication(id, collective, kind, state, author, in.title(), in.summary(), in.content(),
        contentHtml, in.language(), created, published, updated, null, refs, in.minutes(),
        in.event(), asCollective,
        in.audience() != null ? in.audience() : previous != null ? previous.audience() : Audience.PUBLIC,
        kind == PublicationKind.CALL ? in.actionDay() : null);
  }

  private Future<Publication> writeLocal(Publication next, Publication previous) {
    return storage.call(store -> {
      try (KvBatch batch = store.newBatch()) {
        write(batch, next, previous);
        store.write(batch, Durability.SYNC);
      }
      return next;
    });
  }

  /** Create and the group's two Announces of it (FEP-1b12 wrapped, plain boost), with the record, in one batch. */
  private Future<Publication> federateNew(Publication p, Publication previous) {
    if (p.isMembersOnly()) {
      return writeLocal(p, previous); // never leaves the node
    }
    JsonObject create = activities.create(uris.activity(ids.get()), p);
    return federation.publish(p.collective(), List.of(create,
            activities.announceActivity(uris.activity(ids.get()), p, create),
            activities.announceObject(uris.activity(ids.get()), p)),
        batch -> write(batch, p, previous)).map(sent -> p);
  }

  /** Update with the whole new object and the group's Announce of it, with the record, in one batch. */
  private Future<Publication> federateUpdate(Publication next, Publication previous) {
    if (next.isMembersOnly()) {
      return writeLocal(next, previous); // never leaves the node
    }
    JsonObject update = activities.update(uris.activity(ids.get()), next);
    return federation.publish(next.collective(), List.of(update,
            activities.announceActivity(uris.activity(ids.get()), next, update)),
        batch -> write(batch, next, previous)).map(sent -> next);
  }

  /** The record and what every write listener adds, in one batch (store code). */
  private void write(KvBatch batch, Publication next, Publication previous) {
    repository.put(batch, next, previous);
    written(batch, next, previous);
  }

  private void written(KvBatch batch, Publication next, Publication previous) {
    for (PublicationWriteListener l : writeListeners) {
      l.written(batch, next, previous);
    }
  }
}
