package org.coordo.storage.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.coordo.storage.Durability;
import org.coordo.storage.Keys;
import org.coordo.storage.KvBatch;
import org.coordo.storage.StorageException;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.testkit.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops and starts again under an open store: calls fail with a clear {@link
 * StorageException} while it is down and work again afterwards, on the same store object.
 */
class PgRestartTest {
  private PgTestDatabase database;
  private PgKvStore store;

  @BeforeEach
  void open() {
    database = PgTestDatabase.create();
    store = PgKvStore.open(PgTestDatabase.vertx(), database.options().withTimeout(Duration.ofSeconds(5)),
        StoreOptions.of(1, "records"));
  }

  @AfterEach
  void close() {
    PgTestDatabase.startServer(); // the other tests share the server
    store.close();
    database.close();
  }

  @Test
  void callsFailClearlyWhilePostgresIsDownAndWorkAgainAfterWithoutReopening() {
    PgDurableQueue queue = new PgDurableQueue(store, "deliveries", Clock.systemUTC(), "node");
    PgOwnership owner = PgOwnership.acquire(store, "restart");
    try {
      store.keyspace("records").put(Keys.utf8("before"), Keys.utf8("v"));
      enqueue(queue);

      PgTestDatabase.stopServer();
      long started = System.nanoTime();
      for (Runnable call : new Runnable[] {
        () -> store.keyspace("records").find(Keys.utf8("before")),
        () -> store.keyspace("records").put(Keys.utf8("during"), Keys.utf8("v")),
        () -> enqueue(queue),
        () -> queue.claim(Instant.now(), 10, Duration.ofMinutes(1)),
      }) {
        StorageException e = assertThrows(StorageException.class, call::run);
        assertTrue(e.getMessage().startsWith("PostgreSQL ") && e.getMessage().contains("unavailable"), e.getMessage());
      }
      assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20, "failing calls do not hang");
      Throwable down = store.ping().toCompletionStage().toCompletableFuture().handle((v, e) -> e).join();
      assertInstanceOf(StorageException.class, down, "the health check sees PostgreSQL down");

      PgTestDatabase.startServer();
      store.ping().toCompletionStage().toCompletableFuture().join();
      assertEquals("v", new String(store.keyspace("records").find(Keys.utf8("before")).orElseThrow()),
          "the same store reads again, the first call after the restart included");
      store.keyspace("records").put(Keys.utf8("after"), Keys.utf8("v"));
      enqueue(queue);
      assertEquals(2, queue.claim(Instant.now(), 10, Duration.ofMinutes(1)).size());

      // The owner name is taken again on a new connection (retried every 500 ms while PostgreSQL was down):
      // once it is, a second process gets the next name.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (owner.takes() < 2) {
        assertTrue(System.nanoTime() < deadline, "the owner name was not taken again within 30 s");
        pause();
      }
      assertEquals("restart-0", owner.name(), "the same name, nobody took it meanwhile");
      try (PgOwnership second = PgOwnership.acquire(store, "restart")) {
        assertEquals(1, second.slot(), "slot 0 is held again by the first owner");
      }
      assertTrue(owner.held());
    } finally {
      owner.close();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50); // a deadline poll: the retake runs on a timer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void enqueue(PgDurableQueue queue) {
    try (KvBatch batch = store.newBatch()) {
      queue.enqueue(batch, Instant.now().minusSeconds(1), Keys.utf8("job"));
      store.write(batch, Durability.WAL);
    }
  }
}
