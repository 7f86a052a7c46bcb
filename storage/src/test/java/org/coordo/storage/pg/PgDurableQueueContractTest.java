package org.coordo.storage.pg;

import java.nio.file.Path;
import java.time.Clock;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.KvStore;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.testkit.DurableQueueContract;
import org.coordo.storage.testkit.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The {@link DurableQueueContract} on a real PostgreSQL, one database per test. */
class PgDurableQueueContractTest extends DurableQueueContract {
  private PgTestDatabase database;

  @Override
  protected KvStore openStore(Path dir) {
    if (database == null) {
      database = PgTestDatabase.create();
    }
    return PgKvStore.open(PgTestDatabase.vertx(), database.options(), StoreOptions.of(1, "records"));
  }

  @Override
  protected DurableQueue queue(KvStore store, String owner, Clock clock) {
    return new PgDurableQueue((PgKvStore) store, "deliveries", clock, owner);
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }
}
