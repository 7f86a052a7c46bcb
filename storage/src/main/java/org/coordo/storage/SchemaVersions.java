package org.coordo.storage;

import java.util.Optional;

/**
 * The schema version kept in the {@link StoreOptions#META} keyspace under {@code
 * "schema.version"} (4 bytes, big-endian), and the migrations that bring it up to date. Shared by
 * every {@link KvStore} implementation.
 */
public final class SchemaVersions {
  static final byte[] VERSION_KEY = Keys.utf8("schema.version");

  private SchemaVersions() {}

  /** The stored version, empty for a store that never had one (a new database). */
  public static Optional<Integer> read(KvStore store) {
    return store.keyspace(StoreOptions.META).find(VERSION_KEY).map(bytes -> Keys.readInt(bytes, 0));
  }

  /**
   * Brings the store to {@code options.schemaVersion()}: a new database gets it directly, an older
   * one runs each migration in turn, a newer one is refused. Returns the version now stored.
   */
  public static int apply(KvStore store, StoreOptions options) {
    int expected = options.schemaVersion();
    Optional<Integer> stored = read(store);
    if (stored.isEmpty()) {
      write(store, expected);
      return expected;
    }
    int version = stored.get();
    if (version > expected) {
      throw new StorageException(
          "database schema version "
              + version
              + " is newer than this Coordo supports ("
              + expected
              + "); upgrade Coordo");
    }
    while (version < expected) {
      Migration migration = options.migrationFrom(version);
      if (migration == null) {
        throw new StorageException(
            "no migration from database schema version "
                + version
                + " (this Coordo expects "
                + expected
                + ")");
      }
      try {
        migration.migrate(store);
      } catch (RuntimeException e) {
        throw new StorageException(
            "migration from schema version " + version + " failed: " + e.getMessage(), e);
      }
      version++;
      write(store, version);
    }
    return version;
  }

  private static void write(KvStore store, int version) {
    try (KvBatch batch = store.newBatch()) {
      batch.put(store.keyspace(StoreOptions.META), VERSION_KEY, Keys.intBE(version));
      store.write(batch, Durability.SYNC);
    }
  }
}
