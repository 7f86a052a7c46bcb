package org.coordo.server.data.publication;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.storage.Cursor;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.Page;
import org.coordo.server.domain.publication.Publication;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.PublicationKind;
import org.coordo.server.domain.publication.PublicationState;

/**
 * Publications and their listing index.
 *
 * <p>Keyspace {@value PublicationKeyspaces#OBJECTS}: {@code utf8z(collective) ‖ utf8z(kind segment) ‖
 * utf8(id)} → the record (JSON, see {@link PublicationRecordCodec}). Deleted publications stay as
 * tombstone records (what makes their URL answer 410).
 *
 * <p>Keyspace {@value PublicationKeyspaces#INDEX}: {@code utf8z(collective) ‖ utf8z(kind segment) ‖
 * byte(listing) ‖ longBE(sort millis) ‖ utf8(id)} → {@code utf8(id)}. Listing {@code 'P'}: published
 * public ones, {@code 'M'}: published members-only ones (issue 16: in a listing of their own so that
 * no public listing, count or page can ever hold them), {@code 'D'}: drafts (of either audience);
 * tombstones are in none. Sort time: the start time for events, otherwise
 * the publication time (creation time for drafts). Newest first is a reverse prefix scan; upcoming
 * events a forward scan from now, past events a reverse scan from just before now. Index entries
 * change in the same batch as the record.
 *
 * <p>Synchronous: call from a worker thread.
 */
public final class PublicationRepository {
  static final byte PUBLISHED = 'P';
  static final byte DRAFTS = 'D';
  static final byte MEMBERS_ONLY = 'M';

  private final Keyspace objects;
  private final Keyspace index;

  public PublicationRepository(KvStore store) {
    this.objects = store.keyspace(PublicationKeyspaces.OBJECTS);
    this.index = store.keyspace(PublicationKeyspaces.INDEX);
  }

  static byte[] key(PublicationKey k) {
    return Keys.concat(Keys.utf8z(k.collective()), Keys.utf8z(k.kind().segment()), Keys.utf8(k.id()));
  }

  static byte[] listingPrefix(String collective, PublicationKind kind, byte listing) {
    return Keys.concat(Keys.utf8z(collective), Keys.utf8z(kind.segment()), new byte[] {listing});
  }

  public Optional<Publication> find(PublicationKey key) {
    return objects.find(key(key)).map(PublicationRecordCodec::decode);
  }

  /**
   * Adds to the batch the new state of a publication and the index changes from {@code previous}
   * (null for a new one).
   */
  public void put(KvBatch batch, Publication next, Publication previous) {
    if (previous != null) {
      byte[] oldIndex = indexKey(previous);
      if (oldIndex != null) {
        batch.delete(index, oldIndex);
      }
    }
    batch.put(objects, key(next.key()), PublicationRecordCodec.encode(next));
    byte[] newIndex = indexKey(next);
    if (newIndex != null) {
      batch.put(index, newIndex, Keys.utf8(next.id()));
    }
  }

  /** Removes a publication (a draft that was never published) and its index entry. */
  public void remove(KvBatch batch, Publication p) {
    byte[] oldIndex = indexKey(p);
    if (oldIndex != null) {
      batch.delete(index, oldIndex);
    }
    batch.delete(objects, key(p.key()));
  }

  /** One page of a listing, newest first (events: latest start first). */
  public Page<Publication> list(String collective, PublicationKind kind, boolean drafts, Cursor after, int limit) {
    byte[] prefix = listingPrefix(collective, kind, drafts ? DRAFTS : PUBLISHED);
    return resolve(collective, kind, index.page(prefix, after, limit, true));
  }

  /** One page of the published members-only publications of a kind, newest first. */
  public Page<Publication> listMembersOnly(String collective, PublicationKind kind, Cursor after, int limit) {
    byte[] prefix = listingPrefix(collective, kind, MEMBERS_ONLY);
    return resolve(collective, kind, index.page(prefix, after, limit, true));
  }

  /**
   * Published events of a collective whose start is at or after {@code from}, soonest first. The
   * first page starts at {@code from}; later pages continue after the cursor.
   */
  public Page<Publication> upcoming(String collective, Instant from, Cursor after, int limit) {
    return upcoming(PUBLISHED, collective, from, after, limit);
  }

  /** Published members-only events from {@code from} on, soonest first (a member's private calendar). */
  public Page<Publication> upcomingMembersOnly(String collective, Instant from, Cursor after, int limit) {
    return upcoming(MEMBERS_ONLY, collective, from, after, limit);
  }

  private Page<Publication> upcoming(byte listing, String collective, Instant from, Cursor after, int limit) {
    byte[] prefix = listingPrefix(collective, PublicationKind.EVENT, listing);
    Cursor start = after;
    if (start == null) {
      long millis = Math.max(0, from.toEpochMilli() - 1);
      // The cursor is a position: every key at or after `from` sorts after prefix ‖ longBE(from - 1) ‖ 0xFF.
      start = new Cursor(Keys.concat(prefix, Keys.longBE(millis), new byte[] {(byte) 0xFF}));
    }
    return resolve(collective, PublicationKind.EVENT, index.page(prefix, start, limit, false));
  }

  /**
   * Published events of a collective whose start is before {@code before}, latest start first. The
   * first page starts just before {@code before}; later pages continue after the cursor.
   */
  public Page<Publication> past(String collective, Instant before, Cursor after, int limit) {
    byte[] prefix = listingPrefix(collective, PublicationKind.EVENT, PUBLISHED);
    // A reverse page continues below its cursor: every key below prefix ‖ longBE(before) starts earlier.
    Cursor start = after != null ? after
        : new Cursor(Keys.concat(prefix, Keys.longBE(Math.max(0, before.toEpochMilli()))));
    return resolve(collective, PublicationKind.EVENT, index.page(prefix, start, limit, true));
  }

  /** How many published items a listing holds (walks the listing's index keys). */
  public long count(String collective, PublicationKind kind) {
    return countRange(listingPrefix(collective, kind, PUBLISHED), null);
  }

  /** How many published events start at or after {@code from} (walks that index range). */
  public long countUpcoming(String collective, Instant from) {
    byte[] prefix = listingPrefix(collective, PublicationKind.EVENT, PUBLISHED);
    return countRange(prefix, Keys.concat(prefix, Keys.longBE(Math.max(0, from.toEpochMilli()))));
  }

  private long countRange(byte[] prefix, byte[] from) {
    return index.count(from == null ? prefix : from, Keys.prefixEnd(prefix));
  }

  private Page<Publication> resolve(String collective, PublicationKind kind, Page<KvEntry> page) {
    List<Publication> out = new ArrayList<>(page.items().size());
    for (KvEntry e : page.items()) {
      String id = new String(e.value(), StandardCharsets.UTF_8);
      find(new PublicationKey(collective, kind, id)).ifPresent(out::add);
    }
    return new Page<>(List.copyOf(out), page.next());
  }

  private static byte[] indexKey(Publication p) {
    if (p.state() == PublicationState.DELETED) {
      return null;
    }
    boolean published = p.state() == PublicationState.PUBLISHED;
    Instant sort;
    if (p.kind() == PublicationKind.EVENT && p.event() != null) {
      sort = p.event().startTime();
    } else if (published && p.publishedAt() != null) {
      sort = p.publishedAt();
    } else {
      sort = p.createdAt();
    }
    return Keys.concat(
        listingPrefix(p.collective(), p.kind(), !published ? DRAFTS : p.isMembersOnly() ? MEMBERS_ONLY : PUBLISHED),
        Keys.longBE(Math.max(0, sort.toEpochMilli())),
        Keys.utf8(p.id()));
  }
}
