package org.coordo.federation.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.federation.sig.ActorKeys;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's decoded-actor reuse never hides a newer stored document. */
class RemoteActorRepositoryTest {
  static final KeyPair KEY = ActorKeys.generate();
  static final URI ID = URI.create("https://remote.example/users/alice");

  @TempDir Path dir;

  static JsonObject document(String inbox) {
    return new JsonObject()
        .put("id", ID.toString())
        .put("type", "Person")
        .put("preferredUsername", "alice")
        .put("inbox", inbox)
        .put("publicKey", new JsonObject().put("id", ID + "#main-key").put("owner", ID.toString())
            .put("publicKeyPem", ActorKeys.toPem(KEY.getPublic())));
  }

  @Test
  void everyReadReflectsTheLastWriteEvenFromAnotherRepositoryOnTheSameStore() {
    try (RocksKvStore store = RocksKvStore.open(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)))) {
      RemoteActorRepository reader = new RemoteActorRepository(store);
      RemoteActorRepository writer = new RemoteActorRepository(store);
      Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
      writer.put(RemoteActorDocuments.toRemoteActor(ID, ID, document(ID + "/inbox")), ID, t0);
      RemoteActorRepository.Cached first = reader.find(ID).orElseThrow();
      assertEquals(URI.create(ID + "/inbox"), first.actor().inbox());
      assertTrue(first == reader.find(ID).orElseThrow(), "unchanged bytes: the same decoding is reused");

      writer.put(RemoteActorDocuments.toRemoteActor(ID, ID, document(ID + "/new-inbox")), ID, t0.plusSeconds(60));
      RemoteActorRepository.Cached second = reader.find(ID).orElseThrow();
      assertEquals(URI.create(ID + "/new-inbox"), second.actor().inbox());
      assertEquals(t0.plusSeconds(60), second.fetchedAt());

      writer.remove(ID);
      assertTrue(reader.find(ID).isEmpty(), "a removed actor is gone, whatever was decoded before");
    }
  }
}
