package org.coordo.storage;

import java.util.function.Supplier;
import org.coordo.storage.queue.KvDurableQueue;

/**
 * How a component gets its {@link DurableQueue} on the node's store, so that the one choosing the backend (the
 * server's start) decides which implementation runs and under which owner, and the components (delivery, mail)
 * only name their queue. A queue is named by the two keyspaces of its {@link KvDurableQueue} layout; another
 * backend may keep it elsewhere and use the names as its queue's name.
 */
@FunctionalInterface
public interface QueueFactory {

  /** The queue named by {@code jobsKeyspace} / {@code idsKeyspace}, on {@code store}, with ids from {@code ids}. */
  DurableQueue open(KvStore store, String jobsKeyspace, String idsKeyspace, Supplier<String> ids);

  /**
   * One process per store (RocksDB admits one): every lease is this process's ({@link
   * KvDurableQueue#SINGLE_PROCESS}), so a restart releases them all.
   */
  static QueueFactory singleProcess() {
    return (store, jobs, idsKeyspace, ids) -> new KvDurableQueue(store, jobs, idsKeyspace, ids,
        KvDurableQueue.SINGLE_PROCESS);
  }
}
