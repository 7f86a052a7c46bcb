package org.coordo.server.service.aggregation;

import org.coordo.server.convert.AggregatedItemConverter;

import org.coordo.server.data.StoreCalls;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.federation.Ownership;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.storage.Cursor;
import org.coordo.storage.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Received publications: stores what the inbox listeners hand over (verified objects of followed
 * collectives) once by id, removes deleted ones, and answers the agenda and the national listings
 * from the indexes. Listeners of new items (the re-announcer) are told after each creation.
 */
public final class AggregationService {
  private static final Logger LOG = LoggerFactory.getLogger(AggregationService.class);


  /** Told about every item stored for the first time. */
  @FunctionalInterface
  public interface NewItemListener {
    Future<Void> onNewItem(AggregatedItem item);
  }

  private final AggregationRepository repository;
  private final StoreCalls storage;
  private final AggregatedItemConverter converter;
  private final org.coordo.server.text.TextWork text;
  private final Clock clock;
  private final List<NewItemListener> newItemListeners = new CopyOnWriteArrayList<>();

  /** @param text where remote objects are converted (sanitised): the node's {@code coordo-text} pool */
  public AggregationService(AggregationRepository repository, StoreCalls storage, AggregatedItemConverter converter,
      Clock clock, org.coordo.server.text.TextWork text) {
    this.text = text;
    this.repository = repository;
    this.storage = storage;
    this.converter = converter;
    this.clock = clock;
  }

  public void onNewItem(NewItemListener listener) {
    newItemListeners.add(listener);
  }

  public AggregationRepository repository() {
    return repository;
  }

  /** Runs repository code on the store's worker. */
  public StoreCalls storage() {
    return storage;
  }

  /**
   * Stores a verified object of {@code group} (upsert by id). Objects of types we do not index give
   * an empty result; so does an object deleted before.
   */
  public Future<Optional<AggregationRepository.Upserted>> ingest(JsonObject object, AggregatedItemConverter.Group group) {
    Instant now = clock.instant();
    return text.run(() -> converter.toItem(object, group, now)).compose(item -> {
      if (item.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      return store(item.get());
    });
  }

  private Future<Optional<AggregationRepository.Upserted>> store(AggregatedItem converted) {
    Optional<AggregatedItem> item = Optional.of(converted);
    return storage.call(store -> repository.upsert(item.get())).compose(result -> {
      LOG.debug("aggregation: {} {} ({})", result.outcome(), item.get().id(), item.get().city());
      if (result.outcome() != AggregationRepository.Outcome.CREATED) {
        return Future.succeededFuture(Optional.of(result));
      }
      Future<Void> chain = Future.succeededFuture();
      for (NewItemListener l : newItemListeners) {
        chain = chain.compose(v -> l.onNewItem(result.item()).recover(e -> {
          LOG.warn("aggregation: new-item listener failed for {}: {}", result.item().id(), e.toString());
          return Future.succeededFuture();
        }));
      }
      return chain.map(Optional.of(result));
    });
  }

  /** Removes a deleted object from every index (and remembers it as deleted); whether it was stored. */
  public Future<Boolean> remove(String objectId) {
    Instant now = clock.instant();
    return storage.call(store -> repository.remove(objectId, now).isPresent());
  }

  /**
   * Removes an object at the request of {@code actor}: only when it is stored under that actor's
   * collective ({@link Ownership#isOwner}); whether it was removed. Another actor's delete changes nothing
   * and is not remembered.
   */
  public Future<Boolean> removeOwnedBy(String objectId, URI actor) {
    Instant now = clock.instant();
    return storage.call(store -> repository.removeIfOwner(objectId, actor.toString(), now).isPresent());
  }

  public Future<Optional<AggregatedItem>> find(String id) {
    return storage.call(store -> repository.find(id));
  }

  /** Events by start time (see {@link AggregationRepository#agenda}). */
  public Future<AggregationRepository.Slice> agenda(String city, String category, Instant from, Instant to,
      Cursor after, int limit) {
    return storage.call(store -> repository.agenda(city, category, from, to, after, limit));
  }

  /** Newest first, one kind or all (null), one city or all (null). */
  public Future<Page<AggregatedItem>> latest(AggregatedKind kind, String city, Cursor after, int limit) {
    return storage.call(store -> repository.latest(kind, city, after, limit));
  }

  /** What {@code city} published since {@code since}: counts by kind, latest publication. */
  public Future<org.coordo.server.domain.aggregation.CityActivity> activity(String city, Instant since) {
    return storage.call(store -> repository.activity(city, since));
  }

  /** Events that started before {@code before}, latest first (see {@link AggregationRepository#pastAgenda}). */
  public Future<AggregationRepository.Slice> pastAgenda(String city, String category, Instant before, Cursor after,
      int limit) {
    return storage.call(store -> repository.pastAgenda(city, category, before, after, limit));
  }

  /**
   * What the national front page shows, read in one store call: events starting in {@code [from, to)}
   * (at most {@code maxEvents}; {@code moreEvents} when there were more), the latest calls and minutes,
   * and the categories the window's events of the city (all categories) carry, for the filter. Calls and
   * minutes have no category: with a category, they are left out (as the feeds do).
   */
  public record Front(List<AggregatedItem> events, boolean moreEvents, List<AggregatedItem> calls,
      List<AggregatedItem> minutes, List<String> categories) {}

  public Future<Front> front(String city, String category, Instant from, Instant to, int maxEvents, int posts) {
    return storage.call(store -> {
      AggregationRepository.Slice all = repository.agenda(city, null, from, to, null, maxEvents);
      AggregationRepository.Slice events = category == null ? all
          : repository.agenda(city, category, from, to, null, maxEvents);
      List<String> categories = all.items().stream()
          .filter(i -> i.event() != null && i.event().category() != null)
          .map(i -> i.event().category()).distinct().sorted().toList();
      List<AggregatedItem> calls = category != null ? List.of()
          : repository.latest(AggregatedKind.CALL, city, null, posts).items();
      List<AggregatedItem> minutes = category != null ? List.of()
          : repository.latest(AggregatedKind.MINUTES, city, null, posts).items();
      return new Front(events.items(), events.next().isPresent(), calls, minutes, categories);
    });
  }
}

