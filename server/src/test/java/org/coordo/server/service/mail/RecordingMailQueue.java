package org.coordo.server.service.mail;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.coordo.server.mail.MailQueue;
import org.coordo.server.mail.OutgoingMail;
import org.coordo.storage.KvBatch;

/**
 * A {@link MailQueue} that keeps what it accepts in memory, for the service tests (the whole-node
 * tests use the real queue and an SMTP server).
 */
final class RecordingMailQueue implements MailQueue {
  final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();
  volatile boolean enabled = true;

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public Future<Void> sendAll(List<OutgoingMail> mails) {
    sent.addAll(mails);
    return Future.succeededFuture();
  }

  @Override
  public void enqueue(KvBatch batch, OutgoingMail mail) {
    sent.add(mail);
  }

  @Override
  public boolean bouncing(String address) {
    return false;
  }
}
