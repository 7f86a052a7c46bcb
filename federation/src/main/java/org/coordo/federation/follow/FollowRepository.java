package org.coordo.federation.follow;

import org.coordo.federation.FollowState;

import org.coordo.federation.Following;

import org.coordo.federation.Follower;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.coordo.federation.FederationKeyspaces;
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
 * Follow relations in both directions, with their state, in the {@code fed_follows} keyspace.
 *
 * <p>Key layout (every text part but the last is {@link Keys#utf8z} — UTF-8 then 0x00; {@code at} is
 * {@link Keys#longBE} epoch millis of {@code followedAt}; values are UTF-8 JSON unless said otherwise):
 *
 * <pre>
 * fr\0  local\0 remoteId               → Follower {state, followActivityId, followedAt, inbox, sharedInbox}
 * frt\0 local\0 at remoteId            → empty   accepted followers, time order (followers collection)
 * frp\0 local\0 at remoteId            → empty   pending followers, time order (approval list)
 * fg\0  local\0 remoteId               → Following {state, followActivityId, followedAt}
 * fgt\0 local\0 at remoteId            → empty   accepted following, time order (following collection)
 * fa\0  followActivityId               → {direction, localName, remoteActor}  (Accept/Reject/Undo matching)
 * fx\0  remoteId\0 ('r'|'g') local     → empty   relations of a remote actor ('r' follower, 'g' following)
 * </pre>
 *
 * The tags end with 0x00, so no tag is a prefix of another tag's keys; {@code local\0} likewise keeps
 * "ab" apart from "abc". Newest-first listings are reverse scans of the time indexes.
 *
 * <p>Writes go into the caller's {@link KvBatch} so that a relation change is atomic with whatever else
 * the caller writes (an activity, a delivery job). The put/remove methods read the current record to
 * drop its stale index keys: changes to one relation must therefore be serialized by the caller, and a
 * batch must not hold two changes of the same relation. Synchronous and blocking: call from a worker.
 */
public final class FollowRepository {
  private static final byte[] FOLLOWER = Keys.utf8z("fr");
  private static final byte[] FOLLOWER_TIME = Keys.utf8z("frt");
  private static final byte[] FOLLOWER_PENDING = Keys.utf8z("frp");
  private static final byte[] FOLLOWING = Keys.utf8z("fg");
  private static final byte[] FOLLOWING_TIME = Keys.utf8z("fgt");
  private static final byte[] BY_ACTIVITY = Keys.utf8z("fa");
  private static final byte[] BY_REMOTE = Keys.utf8z("fx");
  private static final byte DIR_FOLLOWER = 'r';
  private static final byte DIR_FOLLOWING = 'g';
  private static final byte[] EMPTY = new byte[0];

  private final KvStore store;
  private final Keyspace keyspace;

  public FollowRepository(KvStore store) {
    this.store = store;
    this.keyspace = store.keyspace(FederationKeyspaces.FOLLOWS);
  }

  // ---------------------------------------------------------------- followers (remote → local)

  public Optional<Follower> findFollower(String localName, URI actorId) {
    return keyspace.find(followerKey(localName, actorId)).map(v -> decodeFollower(localName, actorId, v));
  }

  /** Adds or replaces a follower (and its indexes) in the batch. */
  public KvBatch putFollower(KvBatch batch, Follower follower) {
    findFollower(follower.localName(), follower.actorId()).ifPresent(old -> deleteFollowerIndexes(batch, old));
    String local = follower.localName();
    URI remote = follower.actorId();
    batch.put(keyspace, followerKey(local, remote), encodeFollower(follower));
    byte[] timeKey = timeKey(follower.accepted() ? FOLLOWER_TIME : FOLLOWER_PENDING, local, follower.followedAt(), remote);
    batch.put(keyspace, timeKey, EMPTY);
    if (follower.followActivityId() != null) {
      batch.put(keyspace, activityKey(follower.followActivityId()), encodeRef(FollowRef.Direction.FOLLOWER, local, remote));
    }
    batch.put(keyspace, remoteKey(remote, DIR_FOLLOWER, local), EMPTY);
    return batch;
  }

  /** Removes a follower and its indexes in the batch; returns what was removed. */
  public Optional<Follower> removeFollower(KvBatch batch, String localName, URI actorId) {
    Optional<Follower> old = findFollower(localName, actorId);
    old.ifPresent(f -> {
      deleteFollowerIndexes(batch, f);
      batch.delete(keyspace, followerKey(localName, actorId));
      batch.delete(keyspace, remoteKey(actorId, DIR_FOLLOWER, localName));
    });
    return old;
  }

  /** Accepted followers of a local actor, newest first. */
  public Page<Follower> page(String localName, Cursor after, int limit) {
    return timePage(FOLLOWER_TIME, localName, after, limit, remote -> findFollower(localName, remote));
  }

  /** Number of accepted followers (a scan of the time index). */
  public long count(String localName) {
    return keyspace.count(Keys.concat(FOLLOWER_TIME, Keys.utf8z(localName)));
  }

  /** Pending followers (awaiting approval), oldest first, at most {@code limit}. */
  public List<Follower> pending(String localName, int limit) {
    byte[] prefix = Keys.concat(FOLLOWER_PENDING, Keys.utf8z(localName));
    List<Follower> out = new ArrayList<>();
    try (KvIterator it = keyspace.scanPrefix(prefix, false)) {
      while (out.size() < limit && it.hasNext()) {
        findFollower(localName, remoteFromTimeKey(it.next().key(), FOLLOWER_PENDING, localName)).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The distinct delivery targets of a local actor's accepted followers: each follower's shared inbox
   * when it has one, else its inbox. In follower-id order.
   */
  public Set<URI> acceptedFollowerInboxes(String localName) {
    Set<URI> out = new LinkedHashSet<>();
    byte[] prefix = Keys.concat(FOLLOWER, Keys.utf8z(localName));
    try (KvIterator it = keyspace.scanPrefix(prefix, false)) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        JsonObject j = json(e.value());
        if (FollowState.valueOf(j.getString("state")) == FollowState.ACCEPTED) {
          String shared = j.getString("sharedInbox");
          out.add(URI.create(shared != null ? shared : j.getString("inbox")));
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- following (local → remote)

  public Optional<Following> findFollowing(String localName, URI actorId) {
    return keyspace.find(followingKey(localName, actorId)).map(v -> decodeFollowing(localName, actorId, v));
  }

  /** Adds or replaces a followed actor (and its indexes) in the batch. */
  public KvBatch putFollowing(KvBatch batch, Following following) {
    findFollowing(following.localName(), following.actorId()).ifPresent(old -> deleteFollowingIndexes(batch, old));
    String local = following.localName();
    URI remote = following.actorId();
    batch.put(keyspace, followingKey(local, remote), encodeFollowing(following));
    if (following.state() == FollowState.ACCEPTED) {
      batch.put(keyspace, timeKey(FOLLOWING_TIME, local, following.followedAt(), remote), EMPTY);
    }
    batch.put(keyspace, activityKey(following.followActivityId()), encodeRef(FollowRef.Direction.FOLLOWING, local, remote));
    batch.put(keyspace, remoteKey(remote, DIR_FOLLOWING, local), EMPTY);
    return batch;
  }

  /** Removes a followed actor and its indexes in the batch; returns what was removed. */
  public Optional<Following> removeFollowing(KvBatch batch, String localName, URI actorId) {
    Optional<Following> old = findFollowing(localName, actorId);
    old.ifPresent(f -> {
      deleteFollowingIndexes(batch, f);
      batch.delete(keyspace, followingKey(localName, actorId));
      batch.delete(keyspace, remoteKey(actorId, DIR_FOLLOWING, localName));
    });
    return old;
  }

  /** Accepted follows of a local actor, newest first. */
  public Page<Following> followingPage(String localName, Cursor after, int limit) {
    return timePage(FOLLOWING_TIME, localName, after, limit, remote -> findFollowing(localName, remote));
  }

  /** A page of a time index ({@code tag} + local name), newest first, each remote read by {@code find}. */
  private <T> Page<T> timePage(byte[] tag, String localName, Cursor after, int limit, Function<URI, Optional<T>> find) {
    Page<KvEntry> index = keyspace.page(Keys.concat(tag, Keys.utf8z(localName)), after, limit, true);
    List<T> items = new ArrayList<>(index.items().size());
    for (KvEntry e : index.items()) {
      find.apply(remoteFromTimeKey(e.key(), tag, localName)).ifPresent(items::add);
    }
    return new Page<>(List.copyOf(items), index.next());
  }

  /** Number of accepted follows of a local actor. */
  public long countFollowing(String localName) {
    return keyspace.count(Keys.concat(FOLLOWING_TIME, Keys.utf8z(localName)));
  }

  /** Every follow a local actor sent, in any state, in remote-id order, at most {@code limit}. */
  public List<Following> allFollowing(String localName, int limit) {
    byte[] prefix = Keys.concat(FOLLOWING, Keys.utf8z(localName));
    List<Following> out = new ArrayList<>();
    try (KvIterator it = keyspace.scanPrefix(prefix, false)) {
      while (out.size() < limit && it.hasNext()) {
        KvEntry e = it.next();
        URI remote = URI.create(new String(e.key(), prefix.length, e.key().length - prefix.length, StandardCharsets.UTF_8));
        out.add(decodeFollowing(localName, remote, e.value()));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- lookups across directions

  /** The relation a Follow activity id belongs to (ours or a remote one). */
  public Optional<FollowRef> findByFollowActivityId(String followActivityId) {
    if (followActivityId == null || followActivityId.isEmpty()) {
      return Optional.empty();
    }
    return keyspace.find(activityKey(followActivityId)).map(v -> {
      JsonObject j = json(v);
      return new FollowRef(
          FollowRef.Direction.valueOf(j.getString("direction")),
          j.getString("localName"),
          URI.create(j.getString("remoteActor")));
    });
  }

  /** Every relation (either direction) between local actors and one remote actor. */
  public List<FollowRef> relationsOf(URI remoteActor) {
    byte[] prefix = Keys.concat(BY_REMOTE, Keys.utf8z(remoteActor.toString()));
    List<FollowRef> out = new ArrayList<>();
    try (KvIterator it = keyspace.scanPrefix(prefix, false)) {
      while (it.hasNext()) {
        byte[] key = it.next().key();
        if (key.length <= prefix.length) {
          continue;
        }
        FollowRef.Direction dir = key[prefix.length] == DIR_FOLLOWER ? FollowRef.Direction.FOLLOWER : FollowRef.Direction.FOLLOWING;
        String local = new String(key, prefix.length + 1, key.length - prefix.length - 1, StandardCharsets.UTF_8);
        out.add(new FollowRef(dir, local, remoteActor));
      }
    }
    return out;
  }

  /** The local actors whose follow of {@code remoteActor} it accepted (the one place this is asked). */
  public List<String> acceptedFollowersOf(URI remoteActor) {
    List<String> out = new ArrayList<>();
    for (FollowRef ref : relationsOf(remoteActor)) {
      if (ref.direction() == FollowRef.Direction.FOLLOWING && findFollowing(ref.localName(), remoteActor)
          .filter(f -> f.state() == FollowState.ACCEPTED).isPresent()) {
        out.add(ref.localName());
      }
    }
    return out;
  }

  /** Whether some local actor follows {@code remoteActor} and was accepted. */
  public boolean isFollowedLocally(URI remoteActor) {
    return !acceptedFollowersOf(remoteActor).isEmpty();
  }

  /** Removes every relation with a remote actor (it deleted itself); returns how many were removed. */
  public int removeAllOf(KvBatch batch, URI remoteActor) {
    int n = 0;
    for (FollowRef ref : relationsOf(remoteActor)) {
      boolean removed = ref.direction() == FollowRef.Direction.FOLLOWER
          ? removeFollower(batch, ref.localName(), remoteActor).isPresent()
          : removeFollowing(batch, ref.localName(), remoteActor).isPresent();
      n += removed ? 1 : 0;
    }
    return n;
  }

  /** Convenience: a batch of one change, written with the given durability. */
  public void write(java.util.function.Consumer<KvBatch> changes, Durability durability) {
    try (KvBatch batch = store.newBatch()) {
      changes.accept(batch);
      if (batch.size() > 0) {
        store.write(batch, durability);
      }
    }
  }

  // ---------------------------------------------------------------- keys and codecs

  private void deleteFollowerIndexes(KvBatch batch, Follower old) {
    byte[] tag = old.accepted() ? FOLLOWER_TIME : FOLLOWER_PENDING;
    batch.delete(keyspace, timeKey(tag, old.localName(), old.followedAt(), old.actorId()));
    deleteActivityRef(batch, old.followActivityId(), FollowRef.Direction.FOLLOWER, old.localName(), old.actorId());
  }

  private void deleteFollowingIndexes(KvBatch batch, Following old) {
    batch.delete(keyspace, timeKey(FOLLOWING_TIME, old.localName(), old.followedAt(), old.actorId()));
    deleteActivityRef(batch, old.followActivityId(), FollowRef.Direction.FOLLOWING, old.localName(), old.actorId());
  }

  /** Drops an activity-id entry only when it still points at this relation. */
  private void deleteActivityRef(KvBatch batch, String activityId, FollowRef.Direction dir, String local, URI remote) {
    if (activityId == null) {
      return;
    }
    findByFollowActivityId(activityId)
        .filter(ref -> ref.equals(new FollowRef(dir, local, remote)))
        .ifPresent(ref -> batch.delete(keyspace, activityKey(activityId)));
  }


  private static byte[] followerKey(String local, URI remote) {
    return Keys.concat(FOLLOWER, Keys.utf8z(local), Keys.utf8(remote.toString()));
  }

  private static byte[] followingKey(String local, URI remote) {
    return Keys.concat(FOLLOWING, Keys.utf8z(local), Keys.utf8(remote.toString()));
  }

  private static byte[] timeKey(byte[] tag, String local, Instant at, URI remote) {
    return Keys.concat(tag, Keys.utf8z(local), Keys.longBE(Math.max(0, at.toEpochMilli())), Keys.utf8(remote.toString()));
  }

  private static URI remoteFromTimeKey(byte[] key, byte[] tag, String local) {
    int offset = tag.length + Keys.utf8z(local).length + 8;
    return URI.create(new String(key, offset, key.length - offset, StandardCharsets.UTF_8));
  }

  private static byte[] activityKey(String activityId) {
    return Keys.concat(BY_ACTIVITY, Keys.utf8(activityId));
  }

  private static byte[] remoteKey(URI remote, byte dir, String local) {
    return Keys.concat(BY_REMOTE, Keys.utf8z(remote.toString()), new byte[] {dir}, Keys.utf8(local));
  }

  private static byte[] encodeRef(FollowRef.Direction dir, String local, URI remote) {
    return bytes(new JsonObject().put("direction", dir.name()).put("localName", local).put("remoteActor", remote.toString()));
  }

  private static byte[] encodeFollower(Follower f) {
    return bytes(new JsonObject()
        .put("state", f.state().name())
        .put("followActivityId", f.followActivityId())
        .put("followedAt", f.followedAt().toEpochMilli())
        .put("inbox", f.inbox().toString())
        .put("sharedInbox", f.sharedInbox() == null ? null : f.sharedInbox().toString()));
  }

  private static Follower decodeFollower(String local, URI remote, byte[] value) {
    JsonObject j = json(value);
    String shared = j.getString("sharedInbox");
    return new Follower(
        local,
        remote,
        FollowState.valueOf(j.getString("state")),
        j.getString("followActivityId"),
        Instant.ofEpochMilli(j.getLong("followedAt")),
        URI.create(j.getString("inbox")),
        shared == null ? null : URI.create(shared));
  }

  private static byte[] encodeFollowing(Following f) {
    return bytes(new JsonObject()
        .put("state", f.state().name())
        .put("followActivityId", f.followActivityId())
        .put("followedAt", f.followedAt().toEpochMilli()));
  }

  private static Following decodeFollowing(String local, URI remote, byte[] value) {
    JsonObject j = json(value);
    return new Following(
        local,
        remote,
        FollowState.valueOf(j.getString("state")),
        j.getString("followActivityId"),
        Instant.ofEpochMilli(j.getLong("followedAt")));
  }

  private static byte[] bytes(JsonObject j) {
    return j.encode().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject json(byte[] value) {
    return new JsonObject(new String(value, StandardCharsets.UTF_8));
  }
}
