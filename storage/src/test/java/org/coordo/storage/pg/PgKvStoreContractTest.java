package org.coordo.storage.pg;

import java.nio.file.Path;
import org.coordo.storage.KvStore;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.testkit.KvStoreContract;
import org.coordo.storage.testkit.PgTestDatabase;
import org.junit.jupiter.api.AfterEach;

/** The {@link KvStoreContract} on a real PostgreSQL: one database per test, reopened by {@code open}. */
class PgKvStoreContractTest extends KvStoreContract {
  private PgTestDatabase database;

  @Override
  protected KvStore open(Path dir, StoreOptions options) {
    if (database == null) {
      database = PgTestDatabase.create();
    }
    return PgKvStore.open(PgTestDatabase.vertx(), database.options(), options);
  }

  @Override
  protected boolean backsUpToDirectory() {
    return false;
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) {
      database.close();
    }
  }
}
