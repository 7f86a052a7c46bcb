package org.coordo.federation.follow;

import org.coordo.federation.FollowState;

import org.coordo.federation.Following;

import org.coordo.federation.Follower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.storage.Durability;
import org.coordo.storage.Page;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowRepositoryTest {
  @TempDir Path dir;
  RocksKvStore store;
  FollowRepository repo;

  @BeforeEach
  void open() {
    store = RocksKvStore.open(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)));
    repo = new FollowRepository(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Follower follower(String local, String remote, FollowState state, long at, String shared) {
    return new Follower(local, URI.create(remote), state, remote + "#follow-" + at, Instant.ofEpochMilli(at),
        URI.create(remote + "/inbox"), shared == null ? null : URI.create(shared));
  }

  @Test
  void followersPageNewestFirstAndOnlyAccepted() {
    repo.write(b -> {
      repo.putFollower(b, follower("grenoble", "https://a.example/u/1", FollowState.ACCEPTED, 1000, "https://a.example/inbox"));
      repo.putFollower(b, follower("grenoble", "https://a.example/u/2", FollowState.ACCEPTED, 3000, "https://a.example/inbox"));
      repo.putFollower(b, follower("grenoble", "https://b.example/u/3", FollowState.ACCEPTED, 2000, null));
      repo.putFollower(b, follower("grenoble", "https://c.example/u/4", FollowState.PENDING, 4000, null));
      repo.putFollower(b, follower("grenoble2", "https://d.example/u/5", FollowState.ACCEPTED, 5000, null));
    }, Durability.SYNC);

    Page<Follower> first = repo.page("grenoble", null, 2);
    assertEquals(List.of("https://a.example/u/2", "https://b.example/u/3"),
        first.items().stream().map(f -> f.actorId().toString()).toList());
    Page<Follower> second = repo.page("grenoble", first.next().orElseThrow(), 2);
    assertEquals(List.of("https://a.example/u/1"), second.items().stream().map(f -> f.actorId().toString()).toList());
    assertTrue(second.next().isEmpty());
    assertEquals(3, repo.count("grenoble"));
    assertEquals(1, repo.count("grenoble2"));
    assertEquals(Set.of(URI.create("https://a.example/inbox"), URI.create("https://b.example/u/3/inbox")),
        repo.acceptedFollowerInboxes("grenoble"));
    assertEquals(List.of("https://c.example/u/4"),
        repo.pending("grenoble", 10).stream().map(f -> f.actorId().toString()).toList());
  }

  @Test
  void approvingMovesPendingToAcceptedAndRemovalCleansIndexes() {
    Follower pending = follower("lyon", "https://a.example/u/1", FollowState.PENDING, 1000, null);
    repo.write(b -> repo.putFollower(b, pending), Durability.SYNC);
    assertEquals(0, repo.count("lyon"));
    repo.write(b -> repo.putFollower(b, pending.withState(FollowState.ACCEPTED)), Durability.SYNC);
    assertEquals(1, repo.count("lyon"));
    assertTrue(repo.pending("lyon", 10).isEmpty());
    FollowRef ref = repo.findByFollowActivityId(pending.followActivityId()).orElseThrow();
    assertEquals(new FollowRef(FollowRef.Direction.FOLLOWER, "lyon", pending.actorId()), ref);

    repo.write(b -> assertTrue(repo.removeFollower(b, "lyon", pending.actorId()).isPresent()), Durability.SYNC);
    assertEquals(0, repo.count("lyon"));
    assertTrue(repo.findFollower("lyon", pending.actorId()).isEmpty());
    assertTrue(repo.findByFollowActivityId(pending.followActivityId()).isEmpty());
    assertTrue(repo.relationsOf(pending.actorId()).isEmpty());
  }

  @Test
  void followingStatesAndRemoteRelations() {
    URI remote = URI.create("https://paris.example/actors/paris");
    Following f = new Following("grenoble", remote, FollowState.PENDING, "https://me.example/activities/01", Instant.ofEpochMilli(10));
    repo.write(b -> {
      repo.putFollowing(b, f);
      repo.putFollower(b, new Follower("lyon", remote, FollowState.ACCEPTED, "https://paris.example/f/1",
          Instant.ofEpochMilli(20), URI.create(remote + "/inbox"), null));
    }, Durability.SYNC);
    assertEquals(0, repo.countFollowing("grenoble"));
    assertEquals(FollowRef.Direction.FOLLOWING,
        repo.findByFollowActivityId("https://me.example/activities/01").orElseThrow().direction());
    repo.write(b -> repo.putFollowing(b, f.withState(FollowState.ACCEPTED)), Durability.SYNC);
    assertEquals(1, repo.countFollowing("grenoble"));
    assertEquals(List.of(remote), repo.followingPage("grenoble", null, 10).items().stream().map(Following::actorId).toList());
    assertEquals(2, repo.relationsOf(remote).size());
    assertEquals(1, repo.allFollowing("grenoble", 10).size());

    repo.write(b -> assertEquals(2, repo.removeAllOf(b, remote)), Durability.SYNC);
    assertTrue(repo.relationsOf(remote).isEmpty());
    assertEquals(0, repo.countFollowing("grenoble"));
    assertFalse(repo.findFollower("lyon", remote).isPresent());
    assertTrue(repo.findByFollowActivityId("https://me.example/activities/01").isEmpty());
  }
}
