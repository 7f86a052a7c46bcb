package org.coordo.server.mail;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.coordo.server.data.StoreCalls;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.Durability;
import org.coordo.storage.KvBatch;

/**
 * The {@link MailQueue} of a node with mail on: messages are checked ({@link MailChecks}), given their
 * {@code Message-ID} when they have none (so that every attempt sends the same one), and written as jobs of
 * the storage's durable queue ({@link MailPayload}); the {@link MailWorker} sends them.
 */
public final class DurableMailQueue implements MailQueue {
  private final StoreCalls storage;
  private final DurableQueue queue;
  private final Bounces bounces;
  private final String idHost;
  private final Clock clock;
  private final Runnable wake;

  /**
   * @param idHost the host part of the {@code Message-ID}s made here (the host of the public URL)
   * @param wake called after messages were written (the worker looks at once)
   */
  public DurableMailQueue(StoreCalls storage, DurableQueue queue, Bounces bounces, String idHost, Clock clock,
      Runnable wake) {
    this.storage = storage;
    this.queue = queue;
    this.bounces = bounces;
    this.idHost = idHost;
    this.clock = clock;
    this.wake = wake;
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public Future<Void> sendAll(List<OutgoingMail> mails) {
    List<OutgoingMail> ready = new ArrayList<>(mails.size());
    try {
      mails.forEach(m -> ready.add(prepare(m)));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (ready.isEmpty()) {
      return Future.succeededFuture();
    }
    return storage.<Void>call(store -> {
      try (KvBatch batch = store.newBatch()) {
        ready.forEach(m -> queue.enqueue(batch, clock.instant(), MailPayload.encode(m)));
        store.write(batch, Durability.SYNC);
      }
      return null;
    }).onSuccess(v -> wake.run());
  }

  @Override
  public void enqueue(KvBatch batch, OutgoingMail mail) {
    queue.enqueue(batch, clock.instant(), MailPayload.encode(prepare(mail)));
    wake.run(); // early: the worker may look before the batch is written; it polls again soon after
  }

  @Override
  public boolean bouncing(String address) {
    return bounces.bouncing(address);
  }

  /** Messages accepted and not yet handed over, given up or dropped (waiting or in flight). */
  public Future<Long> pending() {
    return storage.call(store -> queue.size());
  }

  /** The permanent failures counted for {@code address} (0 once a message to it was handed over). */
  public Future<Integer> failures(String address) {
    return storage.call(store -> bounces.failures(address));
  }

  /** Checked, with a {@code Message-ID}. */
  private OutgoingMail prepare(OutgoingMail m) {
    MailChecks.check(m);
    if (m.messageId() != null) {
      return m;
    }
    String id = UUID.randomUUID().toString().replace("-", "") + "@" + idHost;
    return new OutgoingMail(m.to(), m.fromName(), m.subject(), m.text(), m.html(), m.attachments(),
        m.unsubscribeUrl(), m.autoSubmitted(), id, m.inReplyTo(), m.kind());
  }
}
