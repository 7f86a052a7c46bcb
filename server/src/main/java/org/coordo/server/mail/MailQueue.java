package org.coordo.server.mail;

import io.vertx.core.Future;
import java.util.List;
import org.coordo.storage.KvBatch;

/**
 * The node's way out to mail (issue 15): a durable outbound queue in front of the configured
 * transport. A message is accepted once it is on disk (it survives a crash and a restart); the
 * queue then sends it at the node's configured rate, retries temporary failures (4xx, connection
 * errors) with backoff, never retries permanent ones (5xx), and marks an address that keeps failing
 * permanently as bouncing.
 *
 * <p>With no mail configured, {@link #enabled()} is false: callers do not offer what needs mail
 * (subscription forms, reset by email) and {@link #send} fails with a clear error.
 */
public interface MailQueue {

  /** Whether mail is configured on this node. */
  boolean enabled();

  /** Accepts one message; the future succeeds once it is on disk. */
  default Future<Void> send(OutgoingMail mail) {
    return sendAll(List.of(mail));
  }

  /** Accepts messages in one write; the future succeeds once they are all on disk. */
  Future<Void> sendAll(List<OutgoingMail> mails);

  /**
   * Adds a message to the caller's batch, so that it is written with the records it belongs to
   * (a publication and its mails, say). Store code: call it on the storage worker.
   */
  void enqueue(KvBatch batch, OutgoingMail mail);

  /**
   * Whether permanent failures marked this address as bouncing (mail to it is not worth sending).
   * Store code: call it on the storage worker.
   */
  boolean bouncing(String address);
}
