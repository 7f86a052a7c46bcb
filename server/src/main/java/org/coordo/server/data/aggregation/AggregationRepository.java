package org.coordo.server.data.aggregation;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.coordo.federation.Ownership;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.server.domain.aggregation.AggregatedKind;
import org.coordo.storage.Cursor;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.Page;

/**
 * Received publications and their indexes (layouts in {@link AggregationKeyspaces}). Every change
 * of an item writes the record and all its index keys in one batch; reads go through the indexes,
 * never a scan of the items. Synchronous: call it on a worker thread.
 */
public final class AggregationRepository {
  private static final int STRIPES = 64;

  /** What an upsert did. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    /** Older than what is stored ({@code updated} earlier): ignored. */
    STALE,
    /** Deleted before: not stored again. */
    GONE,
    /** Stored under another collective: an item never changes owner ({@link Ownership#isOwner}). */
    NOT_OWNER
  }

  /** The result of an upsert: what happened and the item as stored (null when GONE). */
  public record Upserted(Outcome outcome, AggregatedItem item) {}

  /** One page of the agenda: events by start time, and the cursor of the next page. */
  public record Slice(List<AggregatedItem> items, Optional<Cursor> next) {}

  private final KvStore store;
  private final Keyspace items;
  private final Keyspace byStart;
  private final Keyspace byPublished;
  private final Keyspace gone;
  private final Keyspace reannounced;
  private final Keyspace meta;
  private final Object[] locks = new Object[STRIPES];
  private final List<WriteListener> writeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Told of every created or changed item while its batch is assembled, so that what follows from it
   * is written with it (a national node's mail fan-out, issue 15). Store code: add to the batch only.
   */
  @FunctionalInterface
  public interface WriteListener {
    /** @param previous the item as stored before, or null when new */
    void written(KvBatch batch, AggregatedItem stored, AggregatedItem previous);
  }

  /** Adds a {@link WriteListener}; register before items are received. */
  public void onWrite(WriteListener listener) {
    writeListeners.add(listener);
  }

  public AggregationRepository(KvStore store) {
    this.store = store;
    this.items = store.keyspace(AggregationKeyspaces.ITEMS);
    this.byStart = store.keyspace(AggregationKeyspaces.BY_START);
    this.byPublished = store.keyspace(AggregationKeyspaces.BY_PUBLISHED);
    this.gone = store.keyspace(AggregationKeyspaces.GONE);
    this.reannounced = store.keyspace(AggregationKeyspaces.REANNOUNCED);
    this.meta = store.keyspace(AggregationKeyspaces.META);
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  public Optional<AggregatedItem> find(String id) {
    return items.find(Keys.utf8(id)).map(AggregatedItemCodec::decode);
  }

  public boolean isGone(String id) {
    return gone.find(Keys.utf8(id)).isPresent();
  }

  /**
   * Stores {@code incoming} once by id: a new item gets sequence 0; a changed one replaces the stored
   * one with sequence + 1 and its index keys moved; the same content again changes nothing; an older
   * version ({@code updated} before the stored one) is ignored; a deleted id is not stored again.
   */
  public Upserted upsert(AggregatedItem incoming) {
    synchronized (lockOf(incoming.id())) {
      try (KvBatch batch = store.newBatch()) {
        Upserted result = stage(incoming, find(incoming.id()), batch);
        if (batch.size() > 0) {
          store.write(batch, Durability.SYNC);
        }
        return result;
      }
    }
  }

  /**
   * {@link #upsert} of several items with one batch and one durable write (a bulk load, a backfill):
   * the same outcomes, in list order, as upserting them one after the other (an id given twice sees
   * its earlier version). Holds the lock stripes of every id, taken in ascending order (so calls
   * cannot deadlock each other; {@link #upsert} and {@link #remove} take one), until the batch is written.
   */
  public List<Upserted> upsertAll(List<AggregatedItem> incoming) {
    int[] stripes = incoming.stream().mapToInt(i -> stripeOf(i.id())).distinct().sorted().toArray();
    return locked(stripes, 0, () -> {
      Map<String, AggregatedItem> staged = new HashMap<>();
      List<Upserted> out = new ArrayList<>(incoming.size());
      try (KvBatch batch = store.newBatch()) {
        for (AggregatedItem item : incoming) {
          Optional<AggregatedItem> found = staged.containsKey(item.id())
              ? Optional.of(staged.get(item.id())) : find(item.id());
          Upserted result = stage(item, found, batch);
          if (result.item() != null) {
            staged.put(item.id(), result.item());
          }
          out.add(result);
        }
        if (batch.size() > 0) {
          store.write(batch, Durability.SYNC);
        }
      }
      return out;
    });
  }

  /** Decides what {@code incoming} does against {@code found} and adds its writes, if any, to {@code batch}. */
  private Upserted stage(AggregatedItem incoming, Optional<AggregatedItem> found, KvBatch batch) {
    if (isGone(incoming.id())) {
      return new Upserted(Outcome.GONE, null);
    }
    if (found.isPresent()) {
      AggregatedItem old = found.get();
      if (!Ownership.isOwner(old.groupId(), incoming.groupId())) {
        return new Upserted(Outcome.NOT_OWNER, old);
      }
      if (old.sameContentAs(incoming)) {
        return new Upserted(Outcome.UNCHANGED, old);
      }
      if (old.lastChange().isAfter(incoming.lastChange())) {
        return new Upserted(Outcome.STALE, old);
      }
    }
    AggregatedItem stored = found
        .map(old -> incoming.withBookkeeping(old.sequence() + 1, old.receivedAt()))
        .orElseGet(() -> incoming.withBookkeeping(0, incoming.receivedAt()));
    found.ifPresent(old -> indexKeys(old, batch, false));
    batch.put(items, Keys.utf8(stored.id()), AggregatedItemCodec.encode(stored));
    indexKeys(stored, batch, true);
    for (WriteListener l : writeListeners) {
      l.written(batch, stored, found.orElse(null));
    }
    return new Upserted(found.isPresent() ? Outcome.UPDATED : Outcome.CREATED, stored);
  }

  /** Removes an item from the record and every index and remembers the id as deleted; the removed item. */
  public Optional<AggregatedItem> remove(String id, Instant at) {
    synchronized (lockOf(id)) {
      Optional<AggregatedItem> found = find(id);
      try (KvBatch batch = store.newBatch()) {
        found.ifPresent(old -> {
          indexKeys(old, batch, false);
          batch.delete(items, Keys.utf8(id));
        });
        batch.put(gone, Keys.utf8(id), Keys.longBE(Math.max(0, at.toEpochMilli())));
        store.write(batch, Durability.SYNC);
      }
      return found;
    }
  }

  /**
   * Removes an item as {@link #remove} does, only when it is stored under {@code ownerId}'s collective;
   * the removed item, empty when absent or owned by another (nothing is written then).
   */
  public Optional<AggregatedItem> removeIfOwner(String id, String ownerId, Instant at) {
    synchronized (lockOf(id)) {
      Optional<AggregatedItem> found = find(id);
      if (found.isEmpty() || !Ownership.isOwner(found.get().groupId(), ownerId)) {
        return Optional.empty();
      }
      return remove(id, at);
    }
  }

  /**
   * Events by start time in {@code [from, to)} (null bounds are open), filtered by city and category
   * through their own indexes, starting after {@code after}.
   *
   * @throws IllegalArgumentException when the cursor is not one of this listing
   */
  public Slice agenda(String city, String category, Instant from, Instant to, Cursor after, int limit) {
    byte[] prefix = startScope(city, category);
    byte[] lo = from == null ? prefix : Keys.concat(prefix, Keys.longBE(millis(from)));
    byte[] hi = to == null ? Keys.prefixEnd(prefix) : Keys.concat(prefix, Keys.longBE(millis(to)));
    if (after != null) {
      if (!Keys.startsWith(after.lastKey(), prefix)) {
        throw new IllegalArgumentException("cursor");
      }
      byte[] next = Keys.successor(after.lastKey());
      if (Keys.compare(next, lo) > 0) {
        lo = next;
      }
    }
    if (hi != null && Keys.compare(lo, hi) >= 0) {
      return new Slice(List.of(), Optional.empty());
    }
    return slice(byStart.scan(lo, hi, false, limit + 1), prefix.length + 8, limit);
  }

  /**
   * Events that started before {@code before}, latest start first (the archive of past events), filtered
   * as {@link #agenda}, starting below {@code after}.
   *
   * @throws IllegalArgumentException when the cursor is not one of this listing
   */
  public Slice pastAgenda(String city, String category, Instant before, Cursor after, int limit) {
    byte[] prefix = startScope(city, category);
    byte[] hi = Keys.concat(prefix, Keys.longBE(millis(before)));
    if (after != null) {
      if (!Keys.startsWith(after.lastKey(), prefix)) {
        throw new IllegalArgumentException("cursor");
      }
      if (Keys.compare(after.lastKey(), hi) < 0) {
        hi = after.lastKey();
      }
    }
    return slice(byStart.scan(prefix, hi, true, limit + 1), prefix.length + 8, limit);
  }

  /**
   * Up to {@code limit} index entries of {@code iterator} (closed here) resolved into their items with
   * one multi-get (one round trip on PostgreSQL), and the cursor of the next page when there is more.
   */
  private Slice slice(KvIterator iterator, int idOffset, int limit) {
    List<byte[]> ids = new ArrayList<>();
    byte[] lastKey = null;
    boolean more = false;
    try (KvIterator it = iterator) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        if (ids.size() == limit) {
          more = true;
          break;
        }
        ids.add(Keys.utf8(Keys.readUtf8(e.key(), idOffset)));
        lastKey = e.key();
      }
    }
    return new Slice(findAll(ids), more && lastKey != null ? Optional.of(new Cursor(lastKey)) : Optional.empty());
  }

  /** The stored items of these raw ids, in order, skipping those no longer stored. */
  private List<AggregatedItem> findAll(List<byte[]> ids) {
    List<AggregatedItem> out = new ArrayList<>(ids.size());
    for (Optional<byte[]> value : items.findAll(ids)) {
      value.map(AggregatedItemCodec::decode).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Newest first by publication time: one kind (null: every kind), one city (null: every city).
   * A cursor from another listing yields the first page or an empty one (clamped to the prefix).
   */
  public Page<AggregatedItem> latest(AggregatedKind kind, String city, Cursor after, int limit) {
    byte[] prefix = publishedScope(kind == null ? "any" : kind.id(), city);
    Page<KvEntry> page = byPublished.page(prefix, after, limit, true);
    List<byte[]> ids = new ArrayList<>(page.items().size());
    for (KvEntry e : page.items()) {
      ids.add(Keys.utf8(Keys.readUtf8(e.key(), prefix.length + 8)));
    }
    return new Page<>(findAll(ids), page.next());
  }

  /**
   * What one city published since {@code since} (the mobilisation dashboard, issue 17): counts by kind
   * and the latest publication time (null when none), read from the by-publication index.
   */
  public org.coordo.server.domain.aggregation.CityActivity activity(String city, Instant since) {
    long[] counts = new long[AggregatedKind.values().length];
    for (AggregatedKind kind : AggregatedKind.values()) {
      byte[] prefix = publishedScope(kind.id(), city);
      counts[kind.ordinal()] = byPublished.count(Keys.concat(prefix, Keys.longBE(millis(since))),
          Keys.prefixEnd(prefix));
    }
    Page<KvEntry> last = byPublished.page(publishedScope("any", city), null, 1, true);
    Instant lastPublished = last.items().isEmpty() ? null
        : Instant.ofEpochMilli(Keys.readLong(last.items().get(0).key(), publishedScope("any", city).length));
    return new org.coordo.server.domain.aggregation.CityActivity(counts[AggregatedKind.CALL.ordinal()], counts[AggregatedKind.MINUTES.ordinal()],
        counts[AggregatedKind.EVENT.ordinal()], lastPublished);
  }

  /** The id of the Announce that re-announced the object, if it was. */
  public Optional<String> findReannounce(String id) {
    return reannounced.find(Keys.utf8(id))
        .map(b -> new JsonObject(new String(b, StandardCharsets.UTF_8)).getString("activity"));
  }

  /** Adds the re-announce marker of {@code id} to a batch (written with the Announce itself). */
  public void markReannounced(KvBatch batch, String id, String activityId, Instant at) {
    batch.put(reannounced, Keys.utf8(id), new JsonObject().put("activity", activityId).put("at", at.toString())
        .encode().getBytes(StandardCharsets.UTF_8));
  }

  /** A small named record ({@code backfill:<group>}, …). */
  public Optional<JsonObject> findMeta(String name) {
    return meta.find(Keys.utf8(name)).map(b -> new JsonObject(new String(b, StandardCharsets.UTF_8)));
  }

  public void putMeta(String name, JsonObject value) {
    meta.put(Keys.utf8(name), value.encode().getBytes(StandardCharsets.UTF_8));
  }

  private void indexKeys(AggregatedItem item, KvBatch batch, boolean put) {
    byte[] id = Keys.utf8(item.id());
    byte[] published = Keys.longBE(millis(item.published()));
    for (String kind : new String[] {item.kind().id(), "any"}) {
      for (String city : new String[] {null, item.city()}) {
        apply(batch, byPublished, Keys.concat(publishedScope(kind, city), published, id), put);
      }
    }
    if (item.event() != null) {
      byte[] start = Keys.longBE(millis(item.event().startTime()));
      String category = item.event().category();
      List<byte[]> scopes = new ArrayList<>(List.of(startScope(null, null), startScope(item.city(), null)));
      if (category != null) {
        scopes.add(startScope(null, category));
        scopes.add(startScope(item.city(), category));
      }
      for (byte[] scope : scopes) {
        apply(batch, byStart, Keys.concat(scope, start, id), put);
      }
    }
  }

  private static void apply(KvBatch batch, Keyspace keyspace, byte[] key, boolean put) {
    if (put) {
      batch.put(keyspace, key, new byte[0]);
    } else {
      batch.delete(keyspace, key);
    }
  }

  static byte[] startScope(String city, String category) {
    String cat = category == null ? null : category.toUpperCase(Locale.ROOT);
    if (city == null && cat == null) {
      return Keys.utf8z("a");
    }
    if (cat == null) {
      return Keys.concat(Keys.utf8z("c"), Keys.utf8z(city));
    }
    if (city == null) {
      return Keys.concat(Keys.utf8z("k"), Keys.utf8z(cat));
    }
    return Keys.concat(Keys.utf8z("ck"), Keys.utf8z(city), Keys.utf8z(cat));
  }

  static byte[] publishedScope(String kind, String city) {
    return city == null ? Keys.concat(Keys.utf8z(kind), Keys.utf8z("a"))
        : Keys.concat(Keys.utf8z(kind), Keys.utf8z("c"), Keys.utf8z(city));
  }

  private static long millis(Instant t) {
    return Math.max(0, t.toEpochMilli());
  }

  private Object lockOf(String id) {
    return locks[stripeOf(id)];
  }

  private static int stripeOf(String id) {
    return Math.floorMod(id.hashCode(), STRIPES);
  }

  private <T> T locked(int[] stripes, int from, Supplier<T> body) {
    if (from == stripes.length) {
      return body.get();
    }
    synchronized (locks[stripes[from]]) {
      return locked(stripes, from + 1, body);
    }
  }
}
