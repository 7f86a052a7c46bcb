package org.coordo.storage.queue;

import java.security.SecureRandom;
import java.time.Clock;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.KvStore;
import org.coordo.storage.pg.PgDurableQueue;
import org.coordo.storage.pg.PgKvStore;

/**
 * The one place that picks a {@link DurableQueue} implementation for a store: on PostgreSQL the shared
 * {@link PgDurableQueue} (named after the jobs keyspace, so each queue keeps one name on both
 * backends), on any other store a {@link KvDurableQueue} on the two keyspaces.
 */
public final class DurableQueues {
  private DurableQueues() {}

  /**
   * @param jobsKeyspace the queue's jobs keyspace (its name on PostgreSQL)
   * @param idsKeyspace the queue's id index keyspace (unused on PostgreSQL)
   * @param clock the clock ids and enqueue times are taken from
   * @param owner the name this process claims under: {@link KvDurableQueue#SINGLE_PROCESS} on RocksDB,
   *     a {@link org.coordo.storage.pg.PgOwnership} name on PostgreSQL
   */
  public static DurableQueue open(KvStore store, String jobsKeyspace, String idsKeyspace, Clock clock, String owner) {
    if (store instanceof PgKvStore pg) {
      return new PgDurableQueue(pg, jobsKeyspace, clock, owner);
    }
    return new KvDurableQueue(store, jobsKeyspace, idsKeyspace, new JobIds(clock, new SecureRandom()), owner);
  }
}
