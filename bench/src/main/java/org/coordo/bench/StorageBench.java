package org.coordo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.coordo.storage.Durability;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvIterator;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.rocks.RocksKvStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * RocksKvStore throughput on a temporary directory: single WAL puts, 100-record batches, fsynced
 * 2-record batches (the inbox's write), point
 * reads of random existing keys, and 100-key range scans. Keys are 8-byte big-endian longs,
 * values 200 bytes. Run short on a shared machine, e.g.
 * {@code java -jar bench/target/benchmarks.jar StorageBench -f 1 -wi 2 -w 2s -i 3 -r 3s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StorageBench {
  static final int PRELOADED = 100_000;
  static final int VALUE_BYTES = 200;

  Path dir;
  RocksKvStore store;
  Keyspace records;
  byte[] value;
  final AtomicLong nextKey = new AtomicLong(PRELOADED);

  /** Per-thread randomness for read benchmarks. */
  @State(Scope.Thread)
  public static class Rng {
    final SplittableRandom random = new SplittableRandom(42);

    long existingKey(int room) {
      return random.nextInt(PRELOADED - room);
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("coordo-storage-bench");
    store = RocksKvStore.open(dir, StoreOptions.of(1, "records"));
    records = store.keyspace("records");
    value = new byte[VALUE_BYTES];
    new SplittableRandom(7).nextBytes(value);
    for (int start = 0; start < PRELOADED; start += 1000) {
      try (KvBatch batch = store.newBatch()) {
        for (int i = start; i < start + 1000; i++) {
          batch.put(records, Keys.longBE(i), value);
        }
        store.write(batch, Durability.WAL);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Benchmark
  public void putWal() {
    records.put(Keys.longBE(nextKey.getAndIncrement()), value);
  }

  /** One op = one batch of 100 records (multiply by 100 for records/s). */
  @Benchmark
  public void batch100Wal() {
    long first = nextKey.getAndAdd(100);
    try (KvBatch batch = store.newBatch()) {
      for (long k = first; k < first + 100; k++) {
        batch.put(records, Keys.longBE(k), value);
      }
      store.write(batch, Durability.WAL);
    }
  }

  /**
   * One op = a 2-record batch written with {@link Durability#SYNC} (fsync), the shape of the inbox's
   * per-activity write (seen id + log entry).
   */
  @Benchmark
  public void batch2Sync() {
    long first = nextKey.getAndAdd(2);
    try (KvBatch batch = store.newBatch()) {
      batch.put(records, Keys.longBE(first), value);
      batch.put(records, Keys.longBE(first + 1), value);
      store.write(batch, Durability.SYNC);
    }
  }

  @Benchmark
  public byte[] getExisting(Rng rng) {
    return records.find(Keys.longBE(rng.existingKey(0))).orElseThrow();
  }

  /** One op = a scan of 100 consecutive keys. */
  @Benchmark
  public void scan100(Rng rng, Blackhole hole) {
    long from = rng.existingKey(100);
    try (KvIterator it = records.scan(Keys.longBE(from), Keys.longBE(from + 100), false)) {
      while (it.hasNext()) {
        hole.consume(it.next());
      }
    }
  }
}
