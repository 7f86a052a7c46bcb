package org.coordo.server.mail;

import io.vertx.core.Future;
import java.util.List;
import org.coordo.server.error.NodeError;
import org.coordo.storage.KvBatch;

/** The {@link MailQueue} of a node without mail ({@code mail.transport = off}): nothing is accepted. */
public final class OffMailQueue implements MailQueue {
  public static final OffMailQueue INSTANCE = new OffMailQueue();

  private OffMailQueue() {}

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public Future<Void> sendAll(List<OutgoingMail> mails) {
    return Future.failedFuture(notConfigured());
  }

  @Override
  public void enqueue(KvBatch batch, OutgoingMail mail) {
    throw notConfigured();
  }

  @Override
  public boolean bouncing(String address) {
    return false;
  }

  private static NodeError notConfigured() {
    return NodeError.of(503, "Mail is not configured on this node.");
  }
}
