package org.coordo.storage;

import java.util.function.Consumer;

/**
 * Tells the other processes sharing this store that a record some process may hold in memory changed, so that
 * they drop their copy. A store only one process opens (RocksDB) has no one to tell: {@link #NONE}.
 *
 * <p>Best effort and after the fact: a process publishes once its write is durable; a process that missed a
 * notice (disconnected meanwhile) must not serve a stale entry forever, so caches also keep a bounded life.
 * Listeners run on a thread of the implementation's choosing and must be quick (drop an entry, nothing more).
 * A process does not receive its own notices.
 */
public interface CacheEvents {

  /** Announces that the entry {@code key} of the cache {@code topic} changed (both short ASCII/UTF-8 names). */
  void publish(String topic, String key);

  /** Calls {@code onChanged} with the key of every entry of {@code topic} another process announces. */
  void subscribe(String topic, Consumer<String> onChanged);

  /** One process per store: nothing to announce. */
  CacheEvents NONE = new CacheEvents() {
    @Override
    public void publish(String topic, String key) {}

    @Override
    public void subscribe(String topic, Consumer<String> onChanged) {}
  };
}
