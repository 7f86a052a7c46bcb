package org.coordo.storage.rocks;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.coordo.storage.Durability;
import org.coordo.storage.GroupCommit;
import org.coordo.storage.Keys;
import org.coordo.storage.KvBatch;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.queue.KvDurableQueue;

/**
 * Child process for {@link KillDurabilityTest}: writes records 0, 1, 2, … one at a time and prints
 * {@code ACK n} once write n has returned, until it is killed.
 *
 * <p>Arguments: data directory, mode ({@code put} = single WAL puts, {@code batch-wal}, {@code
 * batch-sync}, {@code queue} = one enqueue per batch, WAL, {@code group-sync} = one record per
 * {@link GroupCommit} submission, 16 in flight, acknowledged in order as their futures complete).
 */
public final class CrashWriterMain {
  static final StoreOptions OPTIONS = StoreOptions.of(1, "records", "jobs", "job_ids");
  static final Instant DUE = Instant.parse("2026-01-01T00:00:00Z");

  private CrashWriterMain() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    String mode = args[1];
    RocksKvStore store = RocksKvStore.open(dir, OPTIONS);
    KvDurableQueue queue = new KvDurableQueue(store, "jobs", "job_ids");
    System.out.println("OPEN");
    System.out.flush();
    if (mode.equals("group-sync")) {
      groupSync(store);
      return;
    }
    for (long n = 0; ; n++) {
      byte[] key = Keys.longBE(n);
      switch (mode) {
        case "put" -> store.keyspace("records").put(key, key);
        case "batch-wal", "batch-sync" -> {
          try (KvBatch batch = store.newBatch()) {
            batch.put(store.keyspace("records"), key, key);
            store.write(batch, mode.equals("batch-sync") ? Durability.SYNC : Durability.WAL);
          }
        }
        case "queue" -> {
          try (KvBatch batch = store.newBatch()) {
            queue.enqueue(batch, DUE, key);
            store.write(batch, Durability.WAL);
          }
        }
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
      System.out.println("ACK " + n);
      System.out.flush();
    }
  }

  private static void groupSync(RocksKvStore store) {
    GroupCommit commit = new GroupCommit(store, Durability.SYNC, "crash-writer-commit", 64);
    ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    long acked = 0;
    for (long n = 0; ; n++) {
      byte[] key = Keys.longBE(n);
      inFlight.add(commit.submit(batch -> batch.put(store.keyspace("records"), key, key)));
      if (inFlight.size() >= 16) {
        inFlight.poll().join();
        System.out.println("ACK " + acked++);
        System.out.flush();
      }
    }
  }
}
