package org.coordo.storage;

import java.util.function.Consumer;

/**
 * Moves a store from schema version {@link #fromVersion()} to {@code fromVersion() + 1}. Run at
 * open, before the store is handed out; the new version is recorded (fsynced) after {@link
 * #migrate} returns. A crash during a migration runs it again at the next open, so it must be
 * safe to repeat (write with batches, upsert rather than append).
 */
public interface Migration {

  int fromVersion();

  void migrate(KvStore store);

  static Migration of(int fromVersion, Consumer<KvStore> body) {
    return new Migration() {
      @Override
      public int fromVersion() {
        return fromVersion;
      }

      @Override
      public void migrate(KvStore store) {
        body.accept(store);
      }

      @Override
      public String toString() {
        return "Migration[" + fromVersion + " -> " + (fromVersion + 1) + "]";
      }
    };
  }
}
