package org.coordo.server.data.actionday;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coordo.server.domain.publication.ActionDay;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvEntry;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;

/**
 * The days-of-action index ({@link ActionDayKeyspaces}): store code, on a worker. Writes go into the batch
 * of the change they follow from (a publication's, a received item's).
 */
public final class ActionDayRepository {
  private static final byte[] DAY = {'d'};
  private static final byte[] ID = {'i'};
  private static final byte[] LINK = {'e'};
  private static final byte[] LOCAL = {'L'};
  private static final byte[] REMOTE = {'R'};

  /** A day in the index: its id (URI) and its page id. */
  public record DayRef(String uri, String id) {}

  /** An event linked to a day: its id (URI), and whether it is a publication of this node. */
  public record LinkRef(String eventUri, boolean local) {}

  private final Keyspace days;

  public ActionDayRepository(KvStore store) {
    this.days = store.keyspace(ActionDayKeyspaces.DAYS);
  }

  public void putDay(KvBatch batch, String uri, String id, ActionDay day) {
    batch.put(days, dayKey(uri, day), Keys.utf8(id));
    batch.put(days, Keys.concat(ID, Keys.utf8(id)), Keys.utf8(uri));
  }

  public void removeDay(KvBatch batch, String uri, String id, ActionDay day) {
    batch.delete(days, dayKey(uri, day));
    batch.delete(days, Keys.concat(ID, Keys.utf8(id)));
  }

  public void putLink(KvBatch batch, String dayUri, String eventUri, boolean local) {
    batch.put(days, linkKey(dayUri, eventUri), local ? LOCAL : REMOTE);
  }

  public void removeLink(KvBatch batch, String dayUri, String eventUri) {
    batch.delete(days, linkKey(dayUri, eventUri));
  }

  /** The day a page id names, if indexed. */
  public Optional<String> dayUri(String id) {
    return days.find(Keys.concat(ID, Keys.utf8(id))).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** Indexed days whose last day is {@code from} or later, by last day, at most {@code limit}. */
  public List<DayRef> daysEndingFrom(LocalDate from, int limit) {
    List<DayRef> out = new ArrayList<>();
    try (KvIterator it = days.scan(Keys.concat(DAY, Keys.longBE(from.toEpochDay())), Keys.prefixEnd(DAY), false)) {
      while (it.hasNext() && out.size() < limit) {
        KvEntry e = it.next();
        out.add(new DayRef(Keys.readUtf8(e.key(), DAY.length + Long.BYTES), new String(e.value(), StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /** The events linked to a day, at most {@code limit}. */
  public List<LinkRef> links(String dayUri, int limit) {
    byte[] prefix = Keys.concat(LINK, Keys.utf8z(dayUri));
    List<LinkRef> out = new ArrayList<>();
    try (KvIterator it = days.scanPrefix(prefix, false)) {
      while (it.hasNext() && out.size() < limit) {
        KvEntry e = it.next();
        out.add(new LinkRef(Keys.readUtf8(e.key(), prefix.length), e.value().length == 1 && e.value()[0] == 'L'));
      }
    }
    return out;
  }

  private static byte[] dayKey(String uri, ActionDay day) {
    return Keys.concat(DAY, Keys.longBE(day.endDay().toEpochDay()), Keys.utf8(uri));
  }

  private static byte[] linkKey(String dayUri, String eventUri) {
    return Keys.concat(LINK, Keys.utf8z(dayUri), Keys.utf8(eventUri));
  }
}
