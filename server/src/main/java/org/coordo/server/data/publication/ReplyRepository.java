package org.coordo.server.data.publication;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
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
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.Reply;
import org.coordo.server.domain.publication.ReplyState;

/**
 * Remote replies to our publications.
 *
 * <p>Keyspace {@value PublicationKeyspaces#REPLIES}: {@code utf8(reply id)} → the reply (JSON).
 *
 * <p>Keyspace {@value PublicationKeyspaces#REPLY_INDEX}, two layouts told apart by their first byte:
 *
 * <ul>
 *   <li>{@code 'T' ‖ utf8z(publication path) ‖ byte(state ordinal) ‖ longBE(published millis) ‖
 *       utf8(reply id)} → {@code utf8(reply id)}: a publication's replies by state, oldest first
 *       (the {@code replies} collection reads the APPROVED range);
 *   <li>{@code 'Q' ‖ utf8z(collective) ‖ longBE(received millis) ‖ utf8(reply id)} → {@code utf8(reply
 *       id)}: the collective's moderation queue (PENDING replies only).
 * </ul>
 *
 * Index entries change in the same batch as the reply. Synchronous: call from a worker thread.
 */
public final class ReplyRepository {
  private final Keyspace replies;
  private final Keyspace index;

  public ReplyRepository(KvStore store) {
    this.replies = store.keyspace(PublicationKeyspaces.REPLIES);
    this.index = store.keyspace(PublicationKeyspaces.REPLY_INDEX);
  }

  public Optional<Reply> find(String id) {
    return replies.find(Keys.utf8(id)).map(ReplyRepository::decode);
  }

  /** Adds the new state of a reply and its index changes from {@code previous} (null if new). */
  public void put(KvBatch batch, Reply next, Reply previous) {
    if (previous != null) {
      removeIndexes(batch, previous);
    }
    batch.put(replies, Keys.utf8(next.id()), encode(next));
    byte[] id = Keys.utf8(next.id());
    batch.put(index, targetKey(next), id);
    if (next.state() == ReplyState.PENDING) {
      batch.put(index, queueKey(next), id);
    }
  }

  public void delete(KvBatch batch, Reply reply) {
    removeIndexes(batch, reply);
    batch.delete(replies, Keys.utf8(reply.id()));
  }

  /** Replies of a publication in one state, oldest first. */
  public Page<Reply> byTarget(PublicationKey target, ReplyState state, Cursor after, int limit) {
    byte[] prefix = Keys.concat(new byte[] {'T'}, Keys.utf8z(target.path()), new byte[] {(byte) state.ordinal()});
    return resolve(index.page(prefix, after, limit, false));
  }

  /** How many replies of a publication are in a state (walks that index range). */
  public long count(PublicationKey target, ReplyState state) {
    byte[] prefix = Keys.concat(new byte[] {'T'}, Keys.utf8z(target.path()), new byte[] {(byte) state.ordinal()});
    return index.count(prefix);
  }

  /** The collective's pending replies, oldest first. */
  public Page<Reply> queue(String collective, Cursor after, int limit) {
    byte[] prefix = Keys.concat(new byte[] {'Q'}, Keys.utf8z(collective));
    return resolve(index.page(prefix, after, limit, false));
  }

  private Page<Reply> resolve(Page<KvEntry> page) {
    List<Reply> out = new ArrayList<>();
    for (KvEntry e : page.items()) {
      find(new String(e.value(), StandardCharsets.UTF_8)).ifPresent(out::add);
    }
    return new Page<>(List.copyOf(out), page.next());
  }

  private void removeIndexes(KvBatch batch, Reply r) {
    batch.delete(index, targetKey(r));
    batch.delete(index, queueKey(r));
  }

  private static byte[] targetKey(Reply r) {
    Instant t = r.published() != null ? r.published() : r.receivedAt();
    return Keys.concat(new byte[] {'T'}, Keys.utf8z(r.target().path()), new byte[] {(byte) r.state().ordinal()},
        Keys.longBE(Math.max(0, t.toEpochMilli())), Keys.utf8(r.id()));
  }

  private static byte[] queueKey(Reply r) {
    return Keys.concat(new byte[] {'Q'}, Keys.utf8z(r.target().collective()),
        Keys.longBE(Math.max(0, r.receivedAt().toEpochMilli())), Keys.utf8(r.id()));
  }

  private static byte[] encode(Reply r) {
    return new JsonObject()
        .put("id", r.id())
        .put("target", r.target().path())
        .put("author", r.authorId())
        .put("html", r.contentHtml())
        .put("url", r.url())
        .put("published", r.published() == null ? null : r.published().toEpochMilli())
        .put("received", r.receivedAt().toEpochMilli())
        .put("updated", r.updatedAt() == null ? null : r.updatedAt().toEpochMilli())
        .put("state", r.state().name())
        .toBuffer().getBytes();
  }

  private static Reply decode(byte[] bytes) {
    JsonObject j = new JsonObject(Buffer.buffer(bytes));
    Long published = j.getLong("published");
    Long updated = j.getLong("updated");
    return new Reply(j.getString("id"), PublicationKey.parsePath(j.getString("target")), j.getString("author"),
        j.getString("html"), j.getString("url"), published == null ? null : Instant.ofEpochMilli(published),
        Instant.ofEpochMilli(j.getLong("received")), updated == null ? null : Instant.ofEpochMilli(updated),
        ReplyState.valueOf(j.getString("state")));
  }
}
