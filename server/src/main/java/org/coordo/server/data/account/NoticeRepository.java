package org.coordo.server.data.account;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coordo.server.domain.account.NoticeThrottle;
import org.coordo.storage.Codecs;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Table;

/**
 * The editors' notice throttles by user id (layout in {@link AccountKeyspaces}): durable, so that a
 * restart neither sends a second notice within the hour nor forgets what waits untold.
 */
public final class NoticeRepository {
  private static final JsonCodec<NoticeThrottle> CODEC = new JsonCodec<>(
      n -> {
        JsonObject waiting = new JsonObject();
        n.waiting().forEach((c, w) -> waiting.put(c, new JsonObject().put("replies", w.replies()).put("follows", w.follows())
            .put("invitations", w.invitations()).put("joins", w.joins())));
        return new JsonObject().put("lastSent", JsonCodec.millis(n.lastSent())).put("waiting", waiting);
      },
      j -> {
        Map<String, NoticeThrottle.Waiting> waiting = new LinkedHashMap<>();
        JsonObject w = j.getJsonObject("waiting", new JsonObject());
        for (String c : w.fieldNames()) {
          JsonObject o = w.getJsonObject(c);
          waiting.put(c, new NoticeThrottle.Waiting(o.getInteger("replies", 0), o.getInteger("follows", 0),
              o.getInteger("invitations", 0), o.getInteger("joins", 0))); // records from before issue 17 have two
        }
        return new NoticeThrottle(JsonCodec.instant(j, "lastSent"), waiting);
      });

  /** A throttle and whose it is. */
  public record Entry(String userId, NoticeThrottle throttle) {}

  private final Table<String, NoticeThrottle> table;

  public NoticeRepository(KvStore store) {
    this.table = new Table<>(store.keyspace(AccountKeyspaces.NOTICES), Codecs.utf8(), CODEC);
  }

  public NoticeThrottle find(String userId) {
    return table.find(userId).orElse(NoticeThrottle.NEVER);
  }

  public void put(KvBatch batch, String userId, NoticeThrottle throttle) {
    table.put(batch, userId, throttle);
  }

  /** Every editor with something waiting untold (small: one record per editor who was ever told). */
  public List<Entry> withWaiting() {
    List<Entry> out = new ArrayList<>();
    for (Table.Entry<String, NoticeThrottle> e : table.scanPrefix(new byte[0], Integer.MAX_VALUE, false)) {
      if (!e.value().waiting().isEmpty()) {
        out.add(new Entry(e.key(), e.value()));
      }
    }
    return out;
  }
}
