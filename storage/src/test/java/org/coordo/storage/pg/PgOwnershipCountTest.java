package org.coordo.storage.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.coordo.storage.testkit.PgTestStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PgOwnership#count()}: the owner names of a prefix held now, that is the node's live processes. */
class PgOwnershipCountTest {
  @RegisterExtension final PgTestStore pg = new PgTestStore("records");
  private PgKvStore store;

  @BeforeEach
  void open() {
    store = pg.store();
  }

  @Test
  void countsTheNamesOfItsPrefixHeldAndSeesOneGoWithinTheRefresh() throws InterruptedException {
    try (PgOwnership first = PgOwnership.acquire(store, "process");
        PgOwnership other = PgOwnership.acquire(store, "other")) {
      assertEquals(1, first.count(), "alone at start");
      assertEquals(1, other.count(), "another prefix is another node's names");
      PgOwnership second = PgOwnership.acquire(store, "process");
      PgOwnership third = PgOwnership.acquire(store, "process");
      assertEquals(3, third.count(), "counted at start");
      awaitCount(first, 3);
      third.close();
      second.close();
      awaitCount(first, 1);
      assertEquals(1, other.count());
    }
  }

  private static void awaitCount(PgOwnership owner, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + 3 * PgOwnership.COUNT_EVERY_MILLIS * 1_000_000L;
    while (owner.count() != expected) {
      assertTrue(System.nanoTime() < deadline, "count stayed " + owner.count() + ", expected " + expected);
      Thread.sleep(50); // a deadline poll: the count is refreshed by a timer
    }
  }
}
