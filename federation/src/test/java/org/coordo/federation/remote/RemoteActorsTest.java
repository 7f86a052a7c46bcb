package org.coordo.federation.remote;

import org.coordo.federation.RemoteActor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import org.coordo.federation.FederationException;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.Uris;
import org.coordo.federation.inbox.FakeRemote;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.sig.ResolvedKey;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteActorsTest {
  static final KeyPair ALICE = ActorKeys.generate();
  static final KeyPair BOB = ActorKeys.generate();

  @TempDir Path dir;
  Vertx vertx;
  RocksKvStore store;
  WorkerExecutor worker;
  WebClient client;
  FakeRemote remote;
  final MutableClock clock = MutableClock.fixed();
  RemoteActors actors;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = RocksKvStore.open(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)));
    worker = vertx.createSharedWorkerExecutor("remote-actors-test");
    client = WebClient.create(vertx);
    remote = new FakeRemote(vertx).actor("alice", ALICE).gtsActor("bob", BOB);
    actors = new RemoteActors(new RemoteActorRepository(store), this::fetch, worker, clock,
        new Uris(URI.create("http://127.0.0.1:1")));
  }

  @AfterEach
  void stop() {
    remote.close();
    client.close();
    Await.result(worker.close());
    store.close();
    Await.result(vertx.close());
  }

  private Future<DocumentFetcher.Fetched> fetch(URI url) {
    return client.getAbs(url.toString()).send().map(resp -> {
      if (resp.statusCode() != 200) {
        throw new FederationException(502, "GET " + url + " answered " + resp.statusCode());
      }
      return new DocumentFetcher.Fetched(url, resp.bodyAsJsonObject());
    });
  }

  @Test
  void actorIsCachedForADayThenFetchedAgain() {
    RemoteActor alice = Await.result(actors.resolve(remote.actorId("alice"), false));
    assertEquals("alice", alice.preferredUsername());
    assertEquals(URI.create(remote.base + "/inbox"), alice.sharedInbox());
    Await.result(actors.resolve(remote.actorId("alice"), false));
    assertEquals(1, remote.hits("/users/alice"));
    clock.advance(Duration.ofHours(25));
    Await.result(actors.resolve(remote.actorId("alice"), false));
    assertEquals(2, remote.hits("/users/alice"));
  }

  @Test
  void keyIdWithFragmentResolvesToTheActorsKey() {
    ResolvedKey key = Await.result(actors.resolve(remote.keyId("alice"), false));
    assertEquals(remote.actorId("alice").toString(), key.ownerActorId());
    assertEquals(ALICE.getPublic(), key.key());
    Await.result(actors.resolve(remote.keyId("alice"), false));
    assertEquals(1, remote.hits("/users/alice"), "second resolution comes from the store");
  }

  @Test
  void aRecentlyResolvedKeyIsDroppedWhenTheActorsDocumentChangesOrIsForgotten() {
    ResolvedKey first = Await.result(actors.resolve(remote.keyId("alice"), false));
    assertEquals(ALICE.getPublic(), first.key());
    // alice rotates her key and says so in an Update of herself: the new key is used at once.
    JsonObject rotated = remote.actorDocument("alice", BOB, remote.keyId("alice"));
    Await.result(actors.storeOwnDocument(remote.actorId("alice"), rotated));
    assertEquals(BOB.getPublic(), Await.result(actors.resolve(remote.keyId("alice"), false)).key());
    // Forgotten (she deleted herself): resolving fetches her document again.
    Await.result(actors.forget(remote.actorId("alice")));
    assertEquals(ALICE.getPublic(), Await.result(actors.resolve(remote.keyId("alice"), false)).key());
    assertEquals(2, remote.hits("/users/alice"));
  }

  @Test
  void aResolvedKeyIsReusedForMinutesThenReadFromTheStoreAgain() {
    Await.result(actors.resolve(remote.keyId("alice"), false));
    // The stored copy is replaced behind the resolver's back (as another process restoring a backup
    // would): the recent key is still used within its time, the store's after it.
    new RemoteActorRepository(store).put(RemoteActorDocuments.toRemoteActor(remote.actorId("alice"),
        remote.actorId("alice"), remote.actorDocument("alice", BOB, remote.keyId("alice"))), null, clock.instant());
    assertEquals(ALICE.getPublic(), Await.result(actors.resolve(remote.keyId("alice"), false)).key());
    clock.advance(RemoteActors.RECENT_KEY_TTL.plusSeconds(1));
    assertEquals(BOB.getPublic(), Await.result(actors.resolve(remote.keyId("alice"), false)).key());
    assertEquals(1, remote.hits("/users/alice"));
  }

  @Test
  void goToSocialKeyDocumentLeadsToItsOwner() {
    String keyId = remote.actorId("bob") + "/main-key";
    ResolvedKey key = Await.result(actors.resolve(keyId, false));
    assertEquals(remote.actorId("bob").toString(), key.ownerActorId());
    assertEquals(BOB.getPublic(), key.key());
    assertEquals(1, remote.hits("/users/bob/main-key"));
    assertEquals(1, remote.hits("/users/bob"));
  }

  @Test
  void keyDocumentNamingAnOwnerThatDoesNotListItIsRefused() {
    // A key document on alice's server claims bob as owner; bob's document does not list that key.
    remote.put("/keys/stolen", new JsonObject().put("id", remote.base + "/keys/stolen")
        .put("owner", remote.actorId("bob").toString()).put("publicKeyPem", ActorKeys.toPem(ALICE.getPublic())));
    Throwable err = Await.failure(actors.resolve(remote.base + "/keys/stolen", false));
    assertTrue(err.getMessage().contains("does not list the key"), err.getMessage());
  }

  @Test
  void actorWhoseKeyIsOwnedBySomeoneElseIsRefused() {
    JsonObject doc = remote.actorDocument("carol", ALICE, remote.base + "/users/carol#main-key");
    doc.getJsonObject("publicKey").put("owner", remote.actorId("alice").toString());
    remote.put("/users/carol", doc);
    Throwable err = Await.failure(actors.resolve(URI.create(remote.base + "/users/carol"), false));
    assertTrue(err.getMessage().contains("owner"), err.getMessage());
  }

  @Test
  void nonActorsAndForeignIdsAreRefused() {
    remote.put("/notes/1", new JsonObject().put("id", remote.base + "/notes/1").put("type", "Note"));
    assertTrue(Await.failure(actors.resolve(URI.create(remote.base + "/notes/1"), false)).getMessage().contains("not an actor"));
    JsonObject elsewhere = remote.actorDocument("dave", ALICE, "https://elsewhere.example/users/dave#main-key")
        .put("id", "https://elsewhere.example/users/dave");
    elsewhere.getJsonObject("publicKey").put("owner", "https://elsewhere.example/users/dave");
    remote.put("/users/dave", elsewhere);
    Throwable err = Await.failure(actors.resolve(URI.create(remote.base + "/users/dave"), false));
    assertTrue(err.getMessage().contains("does not match"), err.getMessage());
  }

  @Test
  void localIdsAreNeverFetched() {
    Throwable err = Await.failure(actors.resolve(URI.create("http://127.0.0.1:1/actors/grenoble"), false));
    assertEquals(400, ((FederationException) err).status());
  }

  @Test
  void forcedRefreshIsRateLimitedAndFetchesAfterTheInterval() {
    Await.result(actors.resolve(remote.keyId("alice"), false));
    Await.result(actors.resolve(remote.keyId("alice"), true));
    assertEquals(1, remote.hits("/users/alice"), "a refresh right after a fetch reuses it");
    KeyPair rotated = ActorKeys.generate();
    remote.actor("alice", rotated);
    clock.advance(Duration.ofMinutes(1));
    assertEquals(rotated.getPublic(), Await.result(actors.resolve(remote.keyId("alice"), true)).key());
    assertEquals(2, remote.hits("/users/alice"));
  }

  @Test
  void staleCopyIsUsedWhenTheRefetchFails() {
    Await.result(actors.resolve(remote.actorId("alice"), false));
    remote.put("/users/alice", new JsonObject().put("id", "broken"));
    clock.advance(Duration.ofDays(2));
    assertEquals("alice", Await.result(actors.resolve(remote.actorId("alice"), false)).preferredUsername());
    Await.failure(actors.resolve(remote.actorId("alice"), true));
  }
}
