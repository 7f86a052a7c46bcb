package org.coordo.storage.rocks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;
import org.coordo.storage.KvIterator;
import org.coordo.storage.KvStore;
import org.coordo.storage.Keyspace;
import org.coordo.storage.SchemaVersions;
import org.coordo.storage.StorageException;
import org.coordo.storage.StoreOptions;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * {@link KvStore} on RocksDB: one column family per keyspace, WAL always on, a block cache shared
 * by every column family. Every native object is owned here and closed in reverse creation order;
 * iterators and batches still open at {@link #close()} are force-closed. Thread-safe: operations
 * hold a read lock, close takes the write lock, so nothing touches a freed native handle.
 */
public final class RocksKvStore implements KvStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final String DEFAULT_CF = new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8);

  private final Path dir;
  private final OwnedResources owned;
  private final RocksDB db;
  private final WriteOptions walWrites;
  private final WriteOptions syncWrites;
  private final ReadOptions readOptions;
  private final Map<String, RocksKeyspace> keyspaces = new LinkedHashMap<>();
  private final Set<Object> open = ConcurrentHashMap.newKeySet();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** Striped locks that make {@link Keyspace#putIfAbsent} a check-then-put no other one interleaves with. */
  private final ReentrantLock[] uniqueLocks = new ReentrantLock[64];
  private volatile boolean closed;
  private volatile int schemaVersion;

  private RocksKvStore(
      Path dir,
      OwnedResources owned,
      RocksDB db,
      List<String> names,
      List<ColumnFamilyHandle> handles,
      WriteOptions walWrites,
      WriteOptions syncWrites,
      ReadOptions readOptions) {
    this.dir = dir;
    this.owned = owned;
    this.db = db;
    this.walWrites = walWrites;
    this.syncWrites = syncWrites;
    this.readOptions = readOptions;
    for (int i = 0; i < uniqueLocks.length; i++) {
      uniqueLocks[i] = new ReentrantLock();
    }
    for (int i = 0; i < names.size(); i++) {
      keyspaces.put(names.get(i), new RocksKeyspace(this, names.get(i), handles.get(i)));
    }
  }

  /**
   * Opens (or creates) the database in {@code dir}: declared keyspaces are created if missing and
   * opened in order, column families found on disk but not declared are opened too, then the
   * schema version is checked and migrations run.
   *
   * @throws StorageException if the database is already open, written by a newer Coordo, or
   *     unreadable
   */
  public static RocksKvStore open(Path dir, StoreOptions options) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("cannot create database directory " + dir + ": " + e.getMessage(), e);
    }
    List<String> names = columnFamilyNames(dir, options);
    OwnedResources owned = new OwnedResources();
    RocksKvStore store;
    try {
      LRUCache cache = owned.own(new LRUCache(options.blockCacheBytes(),
          RocksTuning.cacheShardBits(options.blockCacheBytes())));
      BloomFilter filter = owned.own(new BloomFilter(RocksTuning.BLOOM_BITS_PER_KEY));
      ColumnFamilyOptions cfOptions = owned.own(new ColumnFamilyOptions());
      RocksTuning.configure(cfOptions, cache, filter);
      DBOptions dbOptions = owned.own(new DBOptions());
      RocksTuning.configure(dbOptions);
      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (String name : names) {
        descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
      }
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = owned.own(RocksDB.open(dbOptions, dir.toString(), descriptors, handles));
      handles.forEach(owned::own);
      WriteOptions walWrites = owned.own(new WriteOptions().setSync(false).setDisableWAL(false));
      WriteOptions syncWrites = owned.own(new WriteOptions().setSync(true).setDisableWAL(false));
      ReadOptions readOptions = owned.own(new ReadOptions());
      store = new RocksKvStore(dir, owned, db, names, handles, walWrites, syncWrites, readOptions);
    } catch (RocksDBException e) {
      owned.closeAll();
      throw RocksErrors.onOpen(dir, e);
    } catch (RuntimeException | Error e) {
      owned.closeAll();
      throw e;
    }
    try {
      store.schemaVersion = SchemaVersions.apply(store, options);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Copies a backup written by {@link #backupTo} into {@code emptyDataDir} (created if missing),
   * ready to be opened. Refuses a target that already holds files.
   */
  public static void restore(Path backup, Path emptyDataDir) {
    Backups.restore(backup, emptyDataDir);
  }

  /** "default" first (RocksDB requires it), then the declared names, then undeclared ones on disk. */
  private static List<String> columnFamilyNames(Path dir, StoreOptions options) {
    Set<String> names = new LinkedHashSet<>();
    names.add(DEFAULT_CF);
    names.addAll(options.keyspaces());
    if (Files.exists(dir.resolve("CURRENT"))) {
      try (Options listOptions = new Options()) {
        for (byte[] existing : RocksDB.listColumnFamilies(listOptions, dir.toString())) {
          names.add(new String(existing, StandardCharsets.UTF_8));
        }
      } catch (RocksDBException e) {
        throw RocksErrors.onOpen(dir, e);
      }
    }
    return List.copyOf(names);
  }

  @Override
  public Keyspace keyspace(String name) {
    enter().unlock();
    RocksKeyspace keyspace = keyspaces.get(name);
    if (keyspace == null) {
      throw new StorageException("unknown keyspace '" + name + "': declare it in StoreOptions");
    }
    return keyspace;
  }

  /** Every keyspace open in this store, declared or found on disk, in opening order. */
  public List<String> keyspaceNames() {
    return List.copyOf(keyspaces.keySet());
  }

  @Override
  public KvBatch newBatch() {
    Lock lock = enter();
    try {
      RocksBatch batch = new RocksBatch(this);
      open.add(batch);
      return batch;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void write(KvBatch batch, Durability durability) {
    if (!(batch instanceof RocksBatch rocksBatch) || !rocksBatch.belongsTo(this)) {
      throw new IllegalArgumentException("batch was not created by this store");
    }
    Lock lock = enter();
    try {
      db.write(durability == Durability.SYNC ? syncWrites : walWrites, rocksBatch.writeBatch());
    } catch (RocksDBException e) {
      throw RocksErrors.wrap("batch write", null, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int schemaVersion() {
    enter().unlock();
    return schemaVersion;
  }

  @Override
  public void backupTo(Path target) {
    Lock lock = enter();
    try {
      Backups.checkpoint(db, target);
    } finally {
      lock.unlock();
    }
  }

  public Path directory() {
    return dir;
  }

  /** Number of iterators and batches not closed yet (for leak tests). */
  public int openResourceCount() {
    return open.size();
  }

  @Override
  public void close() {
    Lock write = lock.writeLock();
    write.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Object resource : open) {
        if (resource instanceof RocksKvIterator it) {
          it.forceClose();
        } else if (resource instanceof RocksBatch batch) {
          batch.forceClose();
        }
      }
      open.clear();
      owned.closeAll();
    } finally {
      write.unlock();
    }
  }

  // ---- package-private plumbing for keyspaces, iterators and batches

  /** Takes the read lock, failing if the store is closed. The caller unlocks. */
  Lock enter() {
    Lock read = lock.readLock();
    read.lock();
    if (closed) {
      read.unlock();
      throw RocksErrors.closed();
    }
    return read;
  }

  /** Takes the read lock even when closed (for closing iterators and batches). */
  Lock enterEvenIfClosed() {
    Lock read = lock.readLock();
    read.lock();
    return read;
  }

  KvIterator newIterator(RocksKeyspace keyspace, byte[] from, byte[] to, boolean reverse) {
    Lock lock = enter();
    try {
      RocksKvIterator it =
          new RocksKvIterator(
              this, keyspace.name(), db.newIterator(keyspace.handle(), readOptions), from, to, reverse);
      open.add(it);
      return it;
    } finally {
      lock.unlock();
    }
  }

  /** The lock that serialises {@code putIfAbsent} calls on this key of this keyspace. */
  ReentrantLock uniqueLock(String keyspace, byte[] key) {
    int hash = 31 * keyspace.hashCode() + java.util.Arrays.hashCode(key);
    return uniqueLocks[Math.floorMod(hash ^ (hash >>> 16), uniqueLocks.length)];
  }

  void untrack(Object resource) {
    open.remove(resource);
  }

  RocksKeyspace own(Keyspace keyspace) {
    if (keyspace instanceof RocksKeyspace rocks && rocks.store() == this) {
      return rocks;
    }
    throw new IllegalArgumentException("keyspace does not belong to this store");
  }

  RocksDB db() {
    return db;
  }

  WriteOptions walWrites() {
    return walWrites;
  }

  ReadOptions readOptions() {
    return readOptions;
  }

  Set<Object> openResources() {
    return Collections.unmodifiableSet(open);
  }
}
