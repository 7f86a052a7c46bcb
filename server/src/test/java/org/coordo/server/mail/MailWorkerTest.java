package org.coordo.server.mail;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.server.app.TestNodes;
import org.coordo.server.config.NodeConfig;
import org.coordo.server.data.StoreCalls;
import org.coordo.storage.KvIterator;
import org.coordo.storage.LiveProcesses;
import org.coordo.storage.StoreOptions;
import org.coordo.storage.queue.JobIds;
import org.coordo.storage.queue.KvDurableQueue;
import org.coordo.storage.rocks.RocksKvStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker on a test clock: when a message that keeps failing for now is given up. */
class MailWorkerTest {
  @TempDir Path dir;

  @Test
  void aMessageThatKeepsFailingTemporarilyIsGivenUpAfterTheMaximumAge() {
    MutableClock clock = MutableClock.fixed();
    Instant t0 = clock.instant();
    Vertx vertx = Vertx.vertx();
    try (SmtpSink sink = SmtpSink.start();
        RocksKvStore store = RocksKvStore.open(dir.resolve("db"), StoreOptions.of(1,
            MailKeyspaces.ALL.toArray(String[]::new)))) {
      StoreCalls calls = StoreCalls.on(store, vertx.createSharedWorkerExecutor("mail-test"));
      KvDurableQueue jobs = new KvDurableQueue(store, MailKeyspaces.QUEUE, MailKeyspaces.QUEUE_IDS,
          new JobIds(clock, new Random()));
      MailPolicy policy = MailPolicy.fast().withMaxAge(Duration.ofHours(1));
      Bounces bounces = new Bounces(store, policy.bounceThreshold());
      NodeConfig.Mail config = new NodeConfig.Mail(NodeConfig.Mail.Transport.SMTP, "127.0.0.1", sink.port(),
          NodeConfig.Mail.Security.NONE, "", "", SmtpSink.FROM, 1000, dir.resolve("mail"), null);
      SmtpTransport transport = new SmtpTransport(vertx, config, "test.example", clock);
      MailWorker worker = new MailWorker(vertx, calls, jobs, bounces, transport, policy, 1000, LiveProcesses.ONE,
          clock);
      DurableMailQueue queue = new DurableMailQueue(calls, jobs, bounces, "test.example", clock, worker::wake);
      await(worker.start());
      sink.failTemporarily("ada@example.org", 1000);

      await(queue.send(OutgoingMail.personal("ada@example.org", "Coordo", "Bonjour", "x", null, "notice")));

      // first attempt: 451, rescheduled 50 ms later on the clock, which does not move
      TestNodes.waitUntil(Duration.ofSeconds(10), "the first retry to be scheduled",
          () -> dueAt(calls) == t0.toEpochMilli() + policy.backoff(1).toMillis());
      assertEquals(1, sink.attempts("ada@example.org"));
      // two hours later the retry is due; it fails again and the message is older than its maximum age
      clock.advance(Duration.ofHours(2));
      worker.wake();
      TestNodes.waitUntil(Duration.ofSeconds(10), "the message to be given up", () -> await(queue.pending()) == 0);
      assertEquals(2, sink.attempts("ada@example.org"));
      assertEquals(0, sink.received().size());
      assertEquals(0, await(queue.failures("ada@example.org")), "a temporary failure is not a bounce");
      await(worker.stop());
      await(transport.close());
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void eachOfSeveralProcessesSendsItsShareOfTheNodesRate() throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    java.time.Clock clock = java.time.Clock.systemUTC();
    try (SmtpSink sink = SmtpSink.start();
        RocksKvStore store = RocksKvStore.open(dir.resolve("db"), StoreOptions.of(1,
            MailKeyspaces.ALL.toArray(String[]::new)))) {
      StoreCalls calls = StoreCalls.on(store, vertx.createSharedWorkerExecutor("mail-test"));
      KvDurableQueue jobs = new KvDurableQueue(store, MailKeyspaces.QUEUE, MailKeyspaces.QUEUE_IDS,
          new JobIds(clock, new Random()));
      MailPolicy policy = MailPolicy.fast();
      Bounces bounces = new Bounces(store, policy.bounceThreshold());
      NodeConfig.Mail config = new NodeConfig.Mail(NodeConfig.Mail.Transport.SMTP, "127.0.0.1", sink.port(),
          NodeConfig.Mail.Security.NONE, "", "", SmtpSink.FROM, 20, dir.resolve("mail"), null);
      SmtpTransport transport = new SmtpTransport(vertx, config, "test.example", clock);
      // mail.rate 20 per second for the node, which runs as 4 processes: this one sends 5 per second
      MailWorker worker = new MailWorker(vertx, calls, jobs, bounces, transport, policy, 20, () -> 4, clock);
      DurableMailQueue queue = new DurableMailQueue(calls, jobs, bounces, "test.example", clock, worker::wake);
      for (int i = 0; i < 30; i++) {
        await(queue.send(OutgoingMail.personal("p" + i + "@example.org", "Coordo", "Bonjour", "x", null, "notice")));
      }
      long started = System.nanoTime();
      await(worker.start());
      sink.awaitCount(1, Duration.ofSeconds(10));
      Thread.sleep(1_500); // a window to count in: the bound below holds however slow the machine is
      int sent = sink.received().size();
      double seconds = (System.nanoTime() - started) / 1e9;
      // a bucket of one second's worth (5) plus 5 per second: 30 would be gone within 1.5 s at the node's 20
      assertTrue(sent <= 5 + Math.ceil(5 * seconds) + 1, sent + " sent in " + seconds + " s");
      await(worker.stop());
      await(transport.close());
    } finally {
      await(vertx.close());
    }
  }

  /** The due time of the one queued job ({@code longBE(dueAt) ‖ id}), or -1. */
  private static long dueAt(StoreCalls calls) {
    return await(calls.call(store -> {
      try (KvIterator it = store.keyspace(MailKeyspaces.QUEUE).scan(null, null, false)) {
        return it.hasNext() ? ByteBuffer.wrap(it.next().key()).getLong() : -1L;
      }
    }));
  }
}
