package org.coordo.federation.actor;

import org.coordo.federation.ActorType;

import org.coordo.federation.LocalActor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.coordo.federation.FederationException;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.Uris;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.federation.testkit.Await;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalActorsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-08T10:15:30.123Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  Vertx vertx;
  WorkerExecutor worker;
  RocksKvStore store;
  LocalActors actors;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    worker = vertx.createSharedWorkerExecutor("test-actors");
    store = RocksKvStore.open(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)));
    actors = new LocalActors(new LocalActorRepository(store), worker, CLOCK);
  }

  @AfterEach
  void close() {
    Await.result(vertx.close());
    store.close();
  }

  @Test
  void createGeneratesAnRsa2048KeyPairAndPersists() {
    LocalActor a = Await.result(actors.create("grenoble", ActorType.Group, "Grenoble", "<p>Hi</p>", true));
    assertEquals("grenoble", a.name());
    assertEquals(ActorType.Group, a.type());
    assertEquals(Instant.parse("2026-03-08T10:15:30Z"), a.published());
    assertTrue(a.manuallyApprovesFollowers());
    RSAPublicKey pub = assertInstanceOf(RSAPublicKey.class, ActorKeys.publicKeyFromPem(a.publicKeyPem()));
    assertEquals(2048, pub.getModulus().bitLength());
    assertTrue(a.privateKeyPem().contains("BEGIN PRIVATE KEY"));

    // a fresh service on the same store (no cache) reads the same actor back
    LocalActors again = new LocalActors(new LocalActorRepository(store), worker, CLOCK);
    assertEquals(a, Await.result(again.require("grenoble")));
  }

  @Test
  void takenNameIs409AndInvalidNameIs400() {
    Await.result(actors.create("lyon", ActorType.Group, null, null, false));
    FederationException taken = assertInstanceOf(FederationException.class,
        Await.failure(actors.create("lyon", ActorType.Person, null, null, false)));
    assertEquals(409, taken.status());
    for (String bad : new String[] {"Lyon", "", "a/b", "-x", Uris.INSTANCE_ACTOR_NAME, "é"}) {
      FederationException e = assertInstanceOf(FederationException.class,
          Await.failure(actors.create(bad, ActorType.Person, null, null, false)), bad);
      assertEquals(400, e.status(), bad);
    }
  }

  @Test
  void findRequireUpdateAndList() {
    assertTrue(Await.result(actors.find("nobody")).isEmpty());
    assertEquals(404, ((FederationException) Await.failure(actors.require("nobody"))).status());
    assertEquals(404, ((FederationException) Await.failure(
        actors.update("nobody", "x", null, null, false))).status());

    LocalActor created = Await.result(actors.create("paris", ActorType.Group, "Paris", null, false));
    LocalActor updated = Await.result(actors.update("paris", "Paris 75", "<p>Bonjour</p>",
        "https://paris.example/icon.png", true));
    assertEquals("Paris 75", updated.displayName());
    assertEquals("<p>Bonjour</p>", updated.summary());
    assertEquals("https://paris.example/icon.png", updated.iconUrl());
    assertTrue(updated.manuallyApprovesFollowers());
    assertEquals(created.publicKeyPem(), updated.publicKeyPem());
    assertEquals(created.published(), updated.published());
    assertEquals(updated, Await.result(new LocalActors(new LocalActorRepository(store), worker, CLOCK).require("paris")));

    Await.result(actors.create("alice", ActorType.Person, null, null, false));
    List<String> names = Await.result(actors.list()).stream().map(LocalActor::name).toList();
    assertEquals(List.of("alice", "paris"), names);
  }

  @Test
  void instanceActorIsCreatedOnceAsApplication() {
    LocalActor first = Await.result(actors.ensureInstanceActor());
    assertEquals(Uris.INSTANCE_ACTOR_NAME, first.name());
    assertEquals(ActorType.Application, first.type());
    assertTrue(first.manuallyApprovesFollowers());
    assertFalse(first.discoverable());
    LocalActors again = new LocalActors(new LocalActorRepository(store), worker, CLOCK);
    LocalActor second = Await.result(again.ensureInstanceActor());
    assertEquals(first.publicKeyPem(), second.publicKeyPem());
    assertNotEquals(null, Await.result(again.instanceActor()));
  }

  @Test
  void concurrentCreatesOfOneNameLeaveOneWinner() {
    var futures = java.util.stream.IntStream.range(0, 4)
        .mapToObj(i -> actors.create("race", ActorType.Person, "n" + i, null, false))
        .toList();
    int ok = 0;
    int conflicts = 0;
    for (var f : futures) {
      try {
        Await.result(f);
        ok++;
      } catch (FederationException e) {
        assertEquals(409, e.status());
        conflicts++;
      }
    }
    assertEquals(1, ok);
    assertEquals(3, conflicts);
  }
}
