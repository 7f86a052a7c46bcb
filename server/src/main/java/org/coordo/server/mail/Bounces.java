package org.coordo.server.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.coordo.storage.Keyspace;
import org.coordo.storage.KvStore;

/**
 * Permanent failures per address. Store code: call it on the storage worker.
 *
 * <pre>
 * mail_bounces: utf8(normalized address)  →  intBE(permanent failures) ‖ longBE(last failure, epoch millis)
 * </pre>
 *
 * An address is bouncing from {@code threshold} failures on; a message delivered to it later removes
 * its entry.
 */
public final class Bounces {
  private final Keyspace keyspace;
  private final int threshold;

  public Bounces(KvStore store, int threshold) {
    this.keyspace = store.keyspace(MailKeyspaces.BOUNCES);
    this.threshold = threshold;
  }

  /** Counts one more permanent failure; returns the count. */
  public int failed(String address, long atMillis) {
    byte[] key = key(address);
    int count = failures(key) + 1;
    keyspace.put(key, ByteBuffer.allocate(12).putInt(count).putLong(atMillis).array());
    return count;
  }

  /** Forgets the failures of an address that just accepted a message; returns whether there were any. */
  public boolean delivered(String address) {
    byte[] key = key(address);
    if (keyspace.find(key).isEmpty()) {
      return false;
    }
    keyspace.delete(key);
    return true;
  }

  /** The permanent failures counted for {@code address}. */
  public int failures(String address) {
    return failures(key(address));
  }

  public boolean bouncing(String address) {
    return failures(address) >= threshold;
  }

  private int failures(byte[] key) {
    Optional<byte[]> value = keyspace.find(key);
    return value.map(v -> ByteBuffer.wrap(v).getInt()).orElse(0);
  }

  private static byte[] key(String address) {
    return MailAddresses.normalize(address).getBytes(StandardCharsets.UTF_8);
  }
}
