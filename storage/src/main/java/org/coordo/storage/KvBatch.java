package org.coordo.storage;

/** Changes to one or more keyspaces, applied together by {@link KvStore#write}. */
public interface KvBatch extends AutoCloseable {

  KvBatch put(Keyspace keyspace, byte[] key, byte[] value);

  KvBatch delete(Keyspace keyspace, byte[] key);

  /** Number of operations added so far. */
  int size();

  @Override
  void close();
}
