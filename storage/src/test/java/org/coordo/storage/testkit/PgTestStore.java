package org.coordo.storage.testkit;

import org.coordo.storage.StoreOptions;
import org.coordo.storage.pg.PgKvStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link PgKvStore} on a new database of the test PostgreSQL server for each test, closed after it. Register it
 * in a test class: {@code @RegisterExtension final PgTestStore pg = new PgTestStore("records");}.
 */
public final class PgTestStore implements BeforeEachCallback, AfterEachCallback {
  private final String[] keyspaces;
  private PgTestDatabase database;
  private PgKvStore store;

  public PgTestStore(String... keyspaces) {
    this.keyspaces = keyspaces.clone();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    database = PgTestDatabase.create();
    store = PgKvStore.open(PgTestDatabase.vertx(), database.options(), StoreOptions.of(1, keyspaces));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  public PgTestDatabase database() {
    return database;
  }

  public PgKvStore store() {
    return store;
  }
}
