package org.coordo.storage;

/**
 * How many processes of this node run now on its store, counted by the one choosing the backend: a limit meant
 * for the whole node (requests in flight to one host) is divided among them. A store only one process opens
 * (RocksDB) has one: {@link #ONE}. On PostgreSQL, the owner names held ({@link org.coordo.storage.pg.PgOwnership}).
 */
@FunctionalInterface
public interface LiveProcesses {

  /** The processes of this node alive now, at least 1 (this one); cheap (a cached count), any thread. */
  int count();

  /** One process per store. */
  LiveProcesses ONE = () -> 1;
}
