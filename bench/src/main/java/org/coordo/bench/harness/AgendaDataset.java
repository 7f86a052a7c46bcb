package org.coordo.bench.harness;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.coordo.server.app.DataDir;
import org.coordo.server.app.StorageSchema;
import org.coordo.server.data.aggregation.AggregationKeyspaces;
import org.coordo.server.data.aggregation.AggregationRepository;
import org.coordo.server.domain.aggregation.AggregatedItem;
import org.coordo.storage.Keys;
import org.coordo.storage.Keyspace;
import org.coordo.storage.rocks.RocksKvStore;

/**
 * A national node's data directory holding {@code events} aggregated events of {@code cities} collectives
 * ({@link AgendaItems}), written through the node's own storage: {@code RocksKvStore.open(dataDir/db,
 * StorageSchema.options())} as the node opens it, and {@link AggregationRepository#upsertAll} (the repository's
 * code, indexes included, one durable batch per {@link #CHUNK} items) from {@code threads} writers.
 *
 * <pre>
 * DIR/data/          the node's data directory (COORDO_DATA_DIR); its database in data/db
 * DIR/dataset.json   written last: what the directory holds (a directory without it is an interrupted generation)
 * </pre>
 *
 * A directory with a {@code dataset.json} of the same size is reused as it is (generation takes minutes at 1M).
 */
final class AgendaDataset {
  static final String MARKER = "dataset.json";
  static final int CHUNK = 1000;
  private static final long SEED = 7;

  /**
   * What a dataset holds.
   *
   * @param origin generation time: start times are spread over a year either side of it
   * @param generationSeconds how long the writes took (when generated, not reused)
   * @param itemValueBytes mean size of a stored item value (the JSON record, from a sample of 1,000)
   * @param dbBytesAfterGeneration size of {@code data/db} once the generating store was closed
   */
  record Info(Path dir, int events, int cities, Instant origin, double generationSeconds, double itemValueBytes,
      long dbBytesAfterGeneration, boolean reused) {
    Path dataDir() {
      return dir.resolve("data");
    }

    Path db() {
      return new DataDir(dataDir()).db();
    }
  }

  private AgendaDataset() {}

  /** Reuses {@code dir} when it holds a dataset of that size, generates one when absent or empty. */
  static Info ensure(Path dir, int events, int cities, int threads) throws Exception {
    Path marker = dir.resolve(MARKER);
    if (Files.isRegularFile(marker)) {
      JsonObject j = new JsonObject(Files.readString(marker));
      if (j.getInteger("events") != events || j.getInteger("cities") != cities) {
        throw new IllegalArgumentException("the dataset in " + dir + " holds " + j.getInteger("events")
            + " events of " + j.getInteger("cities") + " cities: pass those --events/--cities, or another --dataset");
      }
      return new Info(dir, events, cities, Instant.parse(j.getString("origin")), j.getDouble("generationSeconds"),
          j.getDouble("itemValueBytes"), j.getLong("dbBytesAfterGeneration"), true);
    }
    if (!DataDir.isEmptyOrAbsent(dir)) {
      throw new IllegalStateException(dir + " is not empty and has no " + MARKER
          + " (an interrupted generation?): delete it or choose another --dataset");
    }
    return generate(dir, events, cities, threads);
  }

  private static Info generate(Path dir, int events, int cities, int threads) throws Exception {
    Instant origin = Instant.now();
    AgendaItems generator = new AgendaItems(cities, origin, SEED);
    Path db = new DataDir(dir.resolve("data")).db();
    long t0 = System.nanoTime();
    double valueBytes;
    try (RocksKvStore store = RocksKvStore.open(db, StorageSchema.options())) {
      AggregationRepository repo = new AggregationRepository(store);
      AtomicLong nextChunk = new AtomicLong();
      AtomicLong written = new AtomicLong();
      long chunks = (events + CHUNK - 1) / CHUNK;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          writers.add(pool.submit(() -> {
            for (long c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
              List<AggregatedItem> batch = new ArrayList<>(CHUNK);
              for (long i = c * CHUNK; i < Math.min(events, (c + 1) * CHUNK); i++) {
                batch.add(generator.item(i));
              }
              for (AggregationRepository.Upserted u : repo.upsertAll(batch)) {
                if (u.outcome() != AggregationRepository.Outcome.CREATED) {
                  throw new IllegalStateException("expected a new item, got " + u.outcome());
                }
              }
              long done = written.addAndGet(batch.size());
              if (done % Math.max(CHUNK, events / 20 / CHUNK * CHUNK) == 0) {
                log("generation: %,d / %,d events, %.0f s", done, events, (System.nanoTime() - t0) / 1e9);
              }
            }
            return null;
          }));
        }
        for (Future<?> w : writers) {
          w.get();
        }
      } finally {
        pool.shutdownNow();
      }
      valueBytes = meanValueBytes(store, generator, events);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long size = directoryBytes(db);
    JsonObject marker = new JsonObject().put("events", events).put("cities", cities).put("origin", origin.toString())
        .put("seed", SEED).put("generationSeconds", seconds).put("itemValueBytes", valueBytes)
        .put("dbBytesAfterGeneration", size);
    Files.writeString(dir.resolve(MARKER), marker.encodePrettily(), StandardCharsets.UTF_8);
    log("generation: %,d events of %d cities in %.0f s, db %.1f MB", events, cities, seconds, size / 1e6);
    return new Info(dir, events, cities, origin, seconds, valueBytes, size, false);
  }

  /** Mean size of the stored item records, read back from the items keyspace for up to 1,000 ids. */
  private static double meanValueBytes(RocksKvStore store, AgendaItems generator, int events) {
    Keyspace items = store.keyspace(AggregationKeyspaces.ITEMS);
    int n = Math.min(1000, events);
    long total = 0;
    for (int k = 0; k < n; k++) {
      String id = generator.item((long) k * events / n).id();
      total += items.find(Keys.utf8(id)).orElseThrow(() -> new IllegalStateException("not stored: " + id)).length;
    }
    return (double) total / n;
  }

  /** Sum of the sizes of the regular files under {@code dir} (apparent sizes, as {@code du -b}). */
  static long directoryBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0; // a file removed meanwhile (a compaction's input)
        }
      }).sum();
    }
  }

  /** Sum of the sizes of the table files ({@code *.sst}) under {@code dir}. */
  static long tableBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".sst")).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void log(String format, Object... args) {
    System.err.printf("[agenda] " + format + "%n", args);
  }
}
