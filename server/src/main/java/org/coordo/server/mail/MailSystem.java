package org.coordo.server.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Random;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.data.StoreCalls;
import org.coordo.storage.KvStore;
import org.coordo.storage.LiveProcesses;
import org.coordo.storage.queue.JobIds;
import org.coordo.storage.DurableQueue;
import org.coordo.storage.QueueFactory;

/**
 * The node's mail system as {@code app/NodeAssembly} builds it from {@code mail.*}: the {@link MailQueue}
 * ({@link OffMailQueue} when mail is off), and, when mail is on, the transport ({@link SmtpTransport} or
 * {@link DirectoryTransport}) and the {@link MailWorker} that feeds it.
 */
public final class MailSystem {
  private final MailQueue queue;
  private final MailWorker worker;
  private final MailTransport transport;

  private MailSystem(MailQueue queue, MailWorker worker, MailTransport transport) {
    this.queue = queue;
    this.worker = worker;
    this.transport = transport;
  }

  /**
   * Builds (nothing starts). Store code: call it on the storage worker.
   *
   * @param host the host of the node's public URL (Message-IDs, EHLO)
   */
  public static MailSystem build(Vertx vertx, NodeConfig.Mail config, String host, KvStore store,
      StoreCalls storage, Clock clock, MailPolicy policy, QueueFactory queues, LiveProcesses live) {
    if (!config.enabled()) {
      return new MailSystem(OffMailQueue.INSTANCE, null, null);
    }
    MailTransport transport = switch (config.transport()) {
      case SMTP -> new SmtpTransport(vertx, config, host, clock);
      case DIRECTORY -> new DirectoryTransport(vertx, config.directory(), config.from(), host, clock);
      case OFF -> throw new IllegalStateException();
    };
    // Claimed under this process's owner: every lease found at start is this process's previous run's.
    DurableQueue jobs = queues.open(store, MailKeyspaces.QUEUE, MailKeyspaces.QUEUE_IDS, new JobIds(clock, new Random()));
    Bounces bounces = new Bounces(store, policy.bounceThreshold());
    MailWorker worker = new MailWorker(vertx, storage, jobs, bounces, transport, policy, config.rate(), live,
        clock);
    return new MailSystem(new DurableMailQueue(storage, jobs, bounces, host, clock, worker::wake), worker, transport);
  }

  public MailQueue queue() {
    return queue;
  }

  /** Starts sending (a previous run's unfinished messages first). */
  public Future<Void> start() {
    return worker == null ? Future.succeededFuture() : worker.start();
  }

  /** Stops sending once the messages in flight are booked, then closes the transport. */
  public Future<Void> stop() {
    return worker == null ? Future.succeededFuture() : worker.stop().eventually(transport::close);
  }
}
