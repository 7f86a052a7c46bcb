package org.coordo.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.coordo.federation.FederationKeyspaces;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvStore;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims on inbound activities (several processes on one store): one winner, a claim left by a process that died
 * before persisting is taken over once stale, and claims go with the seen id when it is pruned.
 */
class InboxSeenClaimTest {
  static final Duration STALE = Duration.ofSeconds(30);
  static final String ID = "https://remote.example/activities/1";
  @TempDir Path dir;
  KvStore store;
  InboxSeen seen;
  final Instant t0 = Instant.parse("2026-12-05T10:00:00Z");

  @BeforeEach
  void open() {
    store = RocksKvStore.open(dir, StoreOptions.of(1, FederationKeyspaces.ALL.toArray(String[]::new)));
    seen = new InboxSeen(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theFirstClaimWinsAndAFreshClaimIsNotTakenOver() {
    assertTrue(seen.claim(ID, t0, STALE));
    assertFalse(seen.claim(ID, t0.plusSeconds(1), STALE), "another process is persisting it");
    assertFalse(seen.claim(ID, t0.plus(STALE).minusMillis(1), STALE));
  }

  @Test
  void aStaleClaimNeverPersistedIsTakenOverOnceThenHeld() {
    assertTrue(seen.claim(ID, t0, STALE)); // that process died before persisting
    Instant later = t0.plus(STALE).plusSeconds(1);
    assertTrue(seen.claim(ID, later, STALE), "the next generation takes it over");
    assertFalse(seen.claim(ID, later.plusSeconds(1), STALE), "and holds it against the others");
  }

  @Test
  void aStaleClaimOfAnActivityMarkedSeenIsNotTakenOver() {
    assertTrue(seen.claim(ID, t0, STALE));
    try (KvBatch batch = store.newBatch()) {
      seen.markSeen(batch, ID, "entry-1", t0);
      store.write(batch, Durability.WAL);
    }
    assertFalse(seen.claim(ID, t0.plus(STALE).plusSeconds(1), STALE));
  }

  @Test
  void droppedClaimsFreeTheActivityAndPruningRemovesThem() {
    assertTrue(seen.claim(ID, t0, STALE));
    seen.dropClaims(ID);
    assertTrue(seen.claim(ID, t0.plusSeconds(1), STALE), "a failed write gives the activity back at once");
    try (KvBatch batch = store.newBatch()) {
      seen.markSeen(batch, ID, "entry-1", t0);
      store.write(batch, Durability.WAL);
    }
    assertEquals(1, seen.pruneSeen(t0.plusSeconds(60), 10));
    assertEquals(0, org.coordo.storage.testkit.TestStores.count(store, FederationKeyspaces.INBOX_SEEN),
        "seen id, its time index and its claims are gone");
  }
}
