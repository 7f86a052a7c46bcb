package org.coordo.storage;

import java.util.Iterator;

/** An iterator over a keyspace that holds a native handle: always close it. */
public interface KvIterator extends Iterator<KvEntry>, AutoCloseable {
  @Override
  void close();
}
