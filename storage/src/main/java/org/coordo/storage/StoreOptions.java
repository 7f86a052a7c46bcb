package org.coordo.storage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a store is opened with.
 *
 * @param keyspaces keyspace names, created if missing and opened in this order; {@link #META} is
 *     always added (it holds the schema version)
 * @param schemaVersion the version this code expects (at least 1)
 * @param migrations one step per version, applied at open from the stored version up to {@code
 *     schemaVersion}
 * @param blockCacheBytes size of the block cache shared by all keyspaces
 */
public record StoreOptions(
    List<String> keyspaces, int schemaVersion, List<Migration> migrations, long blockCacheBytes) {

  /** The reserved keyspace that holds the schema version. */
  public static final String META = "meta";

  public static final long DEFAULT_BLOCK_CACHE_BYTES = 32L * 1024 * 1024;

  public StoreOptions {
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1");
    }
    if (blockCacheBytes < 1024 * 1024) {
      throw new IllegalArgumentException("blockCacheBytes must be at least 1 MiB");
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String name : keyspaces) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("keyspace names must not be blank");
      }
      names.add(name);
    }
    names.add(META);
    keyspaces = List.copyOf(names);
    Map<Integer, Migration> byVersion = new TreeMap<>();
    for (Migration migration : migrations) {
      if (byVersion.put(migration.fromVersion(), migration) != null) {
        throw new IllegalArgumentException(
            "two migrations from schema version " + migration.fromVersion());
      }
    }
    migrations = List.copyOf(byVersion.values());
  }

  /** Options with the default cache and no migrations. */
  public static StoreOptions of(int schemaVersion, String... keyspaces) {
    return builder().schemaVersion(schemaVersion).keyspaces(keyspaces).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The migration that starts at {@code version}, if any. */
  public Migration migrationFrom(int version) {
    for (Migration migration : migrations) {
      if (migration.fromVersion() == version) {
        return migration;
      }
    }
    return null;
  }

  public static final class Builder {
    private final List<String> keyspaces = new ArrayList<>();
    private final List<Migration> migrations = new ArrayList<>();
    private int schemaVersion = 1;
    private long blockCacheBytes = DEFAULT_BLOCK_CACHE_BYTES;

    private Builder() {}

    public Builder keyspaces(String... names) {
      keyspaces.addAll(List.of(names));
      return this;
    }

    public Builder keyspaces(List<String> names) {
      keyspaces.addAll(names);
      return this;
    }

    public Builder schemaVersion(int version) {
      this.schemaVersion = version;
      return this;
    }

    public Builder migration(Migration migration) {
      migrations.add(migration);
      return this;
    }

    public Builder migration(int fromVersion, java.util.function.Consumer<KvStore> body) {
      return migration(Migration.of(fromVersion, body));
    }

    public Builder blockCacheBytes(long bytes) {
      this.blockCacheBytes = bytes;
      return this;
    }

    public StoreOptions build() {
      return new StoreOptions(keyspaces, schemaVersion, migrations, blockCacheBytes);
    }
  }
}
