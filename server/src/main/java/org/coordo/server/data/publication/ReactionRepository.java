package org.coordo.server.data.publication;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.server.domain.publication.Counters;
import org.coordo.server.domain.publication.PublicationKey;
import org.coordo.server.domain.publication.ReactionType;

/**
 * Likes and announces of our publications, and the counters they feed.
 *
 * <p>Keyspace {@value PublicationKeyspaces#REACTIONS}, two layouts told apart by their first byte:
 * {@code 'R' ‖ utf8z(publication path) ‖ byte(type code) ‖ utf8(actor id)} → {@code utf8(activity
 * id)} (one reaction per actor, type and publication: a repeat is not counted twice); {@code 'A' ‖
 * utf8(activity id)} → JSON {target, type, actor} (what an {@code Undo} names).
 *
 * <p>Keyspace {@value PublicationKeyspaces#COUNTERS}: {@code utf8z(publication path) ‖ byte(type
 * code)} → {@code longBE(count)}.
 *
 * <p>Read-modify-write: callers serialise writes (see the reaction service). Synchronous.
 */
public final class ReactionRepository {
  /** A reaction as recorded. */
  public record Reaction(PublicationKey target, ReactionType type, String actorId) {}

  private final Keyspace reactions;
  private final Keyspace counters;

  public ReactionRepository(KvStore store) {
    this.reactions = store.keyspace(PublicationKeyspaces.REACTIONS);
    this.counters = store.keyspace(PublicationKeyspaces.COUNTERS);
  }

  public boolean exists(PublicationKey target, ReactionType type, String actorId) {
    return reactions.find(reactionKey(target, type, actorId)).isPresent();
  }

  public Optional<Reaction> findByActivity(String activityId) {
    return reactions.find(activityKey(activityId)).map(bytes -> {
      JsonObject j = new JsonObject(Buffer.buffer(bytes));
      return new Reaction(PublicationKey.parsePath(j.getString("target")), ReactionType.valueOf(j.getString("type")),
          j.getString("actor"));
    });
  }

  /** Records a reaction and bumps its counter; the caller checked {@link #exists} first. */
  public void add(KvBatch batch, String activityId, Reaction r) {
    batch.put(reactions, reactionKey(r.target(), r.type(), r.actorId()), Keys.utf8(activityId));
    batch.put(reactions, activityKey(activityId), new JsonObject()
        .put("target", r.target().path()).put("type", r.type().name()).put("actor", r.actorId())
        .toBuffer().getBytes());
    bump(batch, r.target(), r.type(), +1);
  }

  /** Forgets a reaction and decrements its counter. */
  public void remove(KvBatch batch, String activityId, Reaction r) {
    batch.delete(reactions, reactionKey(r.target(), r.type(), r.actorId()));
    batch.delete(reactions, activityKey(activityId));
    bump(batch, r.target(), r.type(), -1);
  }

  /** Adds {@code delta} to a counter (never below zero). */
  public void bump(KvBatch batch, PublicationKey target, ReactionType type, long delta) {
    long now = count(target, type);
    batch.put(counters, counterKey(target, type), Keys.longBE(Math.max(0, now + delta)));
  }

  public long count(PublicationKey target, ReactionType type) {
    return counters.find(counterKey(target, type)).map(b -> Keys.readLong(b, 0)).orElse(0L);
  }

  public Counters counters(PublicationKey target) {
    return new Counters(count(target, ReactionType.LIKE), count(target, ReactionType.ANNOUNCE),
        count(target, ReactionType.REPLY));
  }

  private static byte[] reactionKey(PublicationKey target, ReactionType type, String actorId) {
    return Keys.concat(new byte[] {'R'}, Keys.utf8z(target.path()), new byte[] {type.code()}, Keys.utf8(actorId));
  }

  private static byte[] activityKey(String activityId) {
    return Keys.concat(new byte[] {'A'}, Keys.utf8(activityId));
  }

  private static byte[] counterKey(PublicationKey target, ReactionType type) {
    return Keys.concat(Keys.utf8z(target.path()), new byte[] {type.code()});
  }
}
