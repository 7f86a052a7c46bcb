package org.coordo.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.coordo.server.app.StorageSchema;
import org.coordo.storage.pg.PgKvStore;
import org.coordo.storage.pg.PgOptions;

/**
 * [pg-ops] The PostgreSQL scenarios of issue 18 that reuse an existing one on another store: {@code pg-inbox} runs
 * {@link InboxIngest} on RocksDB then on PostgreSQL with the same settings, {@code pg-agenda} runs {@link
 * NationalAgenda} with its node on PostgreSQL (the dataset loaded with {@code migrate-storage}). Each starts its own
 * {@link BenchPostgres}.
 */
final class PgScenarios {
  private PgScenarios() {}

  static List<Row> inbox(InboxIngest.Settings settings) throws Exception {
    List<Row> rows = new ArrayList<>(new InboxIngest(settings).run());
    try (BenchPostgres pg = BenchPostgres.start()) {
      String database = "coordo_inbox_" + System.currentTimeMillis();
      pg.createDatabase(database);
      PgOptions options = PgOptions.of("127.0.0.1", pg.port(), database, "postgres", "");
      rows.addAll(new InboxIngest(settings, InboxIngest.NAME + " (postgresql)", pg.env(database),
          (Path dataDir) -> PgKvStore.open(options, StorageSchema.options())).run());
    }
    return rows;
  }

  static List<Row> agenda(NationalAgenda.Settings settings) throws Exception {
    try (BenchPostgres pg = BenchPostgres.start()) {
      return new NationalAgenda(settings, pg).run();
    }
  }
}
