package org.coordo.federation.inbox;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.coordo.federation.FederationKeyspaces;
import java.time.Instant;
import org.coordo.storage.Cursor;
import org.coordo.storage.Durability;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Page;

/**
 * Accepted inbound activities, in the {@code fed_inbox_log} keyspace.
 *
 * <pre>
 * e\0 entryId            → {@link InboxEntry#toJson()}
 * u\0 entryId            → empty   unfinished entries (PENDING or FAILED): what a start replays
 * f\0 at entryId         → empty   Flag reports, by time ({@code at} = longBE receivedAt millis), for moderators
 * </pre>
 *
 * Entry ids are time-sortable, so both entry and unfinished scans run in arrival order. Synchronous:
 * call from a worker.
 */
public final class InboxLog {
  private static final byte[] ENTRY = Keys.utf8z("e");
  private static final byte[] UNFINISHED = Keys.utf8z("u");
  private static final byte[] FLAG = Keys.utf8z("f");
  private static final byte[] EMPTY = new byte[0];

  private final KvStore store;
  private final Keyspace keyspace;

  public InboxLog(KvStore store) {
    this.store = store;
    this.keyspace = store.keyspace(FederationKeyspaces.INBOX_LOG);
  }

  public Optional<InboxEntry> find(String entryId) {
    return keyspace.find(entryKey(entryId)).map(InboxLog::decode);
  }

  /** Adds or replaces an entry and keeps the unfinished and Flag indexes in step. */
  public KvBatch put(KvBatch batch, InboxEntry entry) {
    return put(batch, entry, entry.toJson().encode().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What {@link #put(KvBatch, InboxEntry)} adds, with the entry encoded now, for a {@link
   * org.coordo.storage.GroupCommit} (whose single writer thread should not spend its time encoding).
   */
  public Consumer<KvBatch> changes(InboxEntry entry) {
    byte[] encoded = entry.toJson().encode().getBytes(StandardCharsets.UTF_8);
    return batch -> put(batch, entry, encoded);
  }

  private KvBatch put(KvBatch batch, InboxEntry entry, byte[] encoded) {
    batch.put(keyspace, entryKey(entry.id()), encoded);
    if (entry.state() == InboxEntry.State.PROCESSED) {
      batch.delete(keyspace, Keys.concat(UNFINISHED, Keys.utf8(entry.id())));
    } else {
      batch.put(keyspace, Keys.concat(UNFINISHED, Keys.utf8(entry.id())), EMPTY);
    }
    if ("Flag".equals(entry.type())) {
      batch.put(keyspace, flagKey(entry), EMPTY);
    }
    return batch;
  }

  /** Unfinished entries (pending or failed), oldest first, at most {@code limit}. */
  public List<InboxEntry> unfinished(int limit) {
    List<InboxEntry> out = new ArrayList<>();
    try (KvIterator it = keyspace.scanPrefix(UNFINISHED, false)) {
      while (out.size() < limit && it.hasNext()) {
        byte[] key = it.next().key();
        String id = new String(key, UNFINISHED.length, key.length - UNFINISHED.length, StandardCharsets.UTF_8);
        find(id).ifPresent(out::add);
      }
    }
    return out;
  }

  /** Flag reports received, newest first. */
  public Page<InboxEntry> flags(Cursor after, int limit) {
    Page<KvEntry> index = keyspace.page(FLAG, after, limit, true);
    List<InboxEntry> items = new ArrayList<>();
    for (KvEntry e : index.items()) {
      String id = new String(e.key(), FLAG.length + 8, e.key().length - FLAG.length - 8, StandardCharsets.UTF_8);
      find(id).ifPresent(items::add);
    }
    return new Page<>(List.copyOf(items), index.next());
  }

  /** The most recent entries, newest first (for operators and tests). */
  public Page<InboxEntry> recent(Cursor after, int limit) {
    return keyspace.page(ENTRY, after, limit, true).map(e -> decode(e.value()));
  }

  /**
   * Deletes at most {@code max} processed entries received before {@code before}, oldest first; Flag
   * reports and unfinished entries are kept. Returns how many were deleted.
   */
  public int pruneProcessed(Instant before, int max) {
    int n = 0;
    try (KvBatch batch = store.newBatch(); KvIterator it = keyspace.scanPrefix(ENTRY, false)) {
      while (n < max && it.hasNext()) {
        InboxEntry e = decode(it.next().value());
        if (!e.receivedAt().isBefore(before)) {
          break;
        }
        if (e.state() == InboxEntry.State.PROCESSED && !"Flag".equals(e.type())) {
          batch.delete(keyspace, entryKey(e.id()));
          n++;
        }
      }
      if (n > 0) {
        store.write(batch, Durability.WAL);
      }
    }
    return n;
  }

  private static byte[] entryKey(String id) {
    return Keys.concat(ENTRY, Keys.utf8(id));
  }

  private static byte[] flagKey(InboxEntry e) {
    return Keys.concat(FLAG, Keys.longBE(Math.max(0, e.receivedAt().toEpochMilli())), Keys.utf8(e.id()));
  }

  private static InboxEntry decode(byte[] value) {
    return InboxEntry.fromJson(new JsonObject(new String(value, StandardCharsets.UTF_8)));
  }
}
