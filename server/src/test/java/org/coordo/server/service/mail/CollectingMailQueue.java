package org.coordo.server.service.mail;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coordo.server.mail.MailQueue;
import org.coordo.server.mail.OutgoingMail;
import org.coordo.storage.KvBatch;

/** A mail queue that keeps what it is given, for the fan-out's unit tests (whole-node tests use the real one). */
final class CollectingMailQueue implements MailQueue {
  final List<OutgoingMail> mails = new ArrayList<>();
  final Set<String> bouncing = new HashSet<>();
  boolean enabled = true;

  @Override
  public boolean enabled() {
    return enabled;
  }

  @Override
  public synchronized Future<Void> sendAll(List<OutgoingMail> all) {
    mails.addAll(all);
    return Future.succeededFuture();
  }

  @Override
  public synchronized void enqueue(KvBatch batch, OutgoingMail mail) {
    mails.add(mail);
  }

  @Override
  public boolean bouncing(String address) {
    return bouncing.contains(address);
  }

  synchronized List<OutgoingMail> to(String address) {
    return mails.stream().filter(m -> m.to().equals(address)).toList();
  }
}
