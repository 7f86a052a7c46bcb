package org.coordo.server.mail;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
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

  /** A worker on a RocksDB queue sending to an SMTP sink on loopback; closing stops and closes everything. */
  private final class Mailer implements AutoCloseable {
    final Vertx vertx = Vertx.vertx();
    final SmtpSink sink = SmtpSink.start();
    final RocksKvStore store = RocksKvStore.open(dir.resolve("db"), StoreOptions.of(1,
        MailKeyspaces.ALL.toArray(String[]::new)));
    final StoreCalls calls = StoreCalls.on(store, vertx.createSharedWorkerExecutor("mail-test"));
    final SmtpTransport transport;
    final MailWorker worker;
    final DurableMailQueue queue;

    Mailer(Clock clock, MailPolicy policy, int rate, LiveProcesses live) {
      KvDurableQueue jobs = new KvDurableQueue(store, MailKeyspaces.QUEUE, MailKeyspaces.QUEUE_IDS,
          new JobIds(clock, new Random()));
      Bounces bounces = new Bounces(store, policy.bounceThreshold());
      NodeConfig.Mail config = new NodeConfig.Mail(NodeConfig.Mail.Transport.SMTP, "127.0.0.1", sink.port(),
          NodeConfig.Mail.Security.NONE, "", "", SmtpSink.FROM, rate, dir.resolve("mail"), null);
      transport = new SmtpTransport(vertx, config, "test.example", clock);
      worker = new MailWorker(vertx, calls, jobs, bounces, transport, policy, rate, live, clock);
      queue = new DurableMailQueue(calls, jobs, bounces, "test.example", clock, worker::wake);
    }

    @Override
    public void close() {
      try {
        await(worker.stop());
        await(transport.close());
      } finally {
        store.close();
        sink.close();
        await(vertx.close());
      }
    }
  }

  @Test
  void aMessageThatKeepsFailingTemporarilyIsGivenUpAfterTheMaximumAge() {
    MutableClock clock = MutableClock.fixed();
    Instant t0 = clock.instant();
    MailPolicy policy = MailPolicy.fast().withMaxAge(Duration.ofHours(1));
    try (Mailer m = new Mailer(clock, policy, 1000, LiveProcesses.ONE)) {
      await(m.worker.start());
      m.sink.failTemporarily("ada@example.org", 1000);

      await(m.queue.send(OutgoingMail.personal("ada@example.org", "Coordo", "Bonjour", "x", null, "notice")));

      // first attempt: 451, rescheduled 50 ms later on the clock, which does not move
      TestNodes.waitUntil(Duration.ofSeconds(10), "the first retry to be scheduled",
          () -> dueAt(m.calls) == t0.toEpochMilli() + policy.backoff(1).toMillis());
      assertEquals(1, m.sink.attempts("ada@example.org"));
      // two hours later the retry is due; it fails again and the message is older than its maximum age
      clock.advance(Duration.ofHours(2));
      m.worker.wake();
      TestNodes.waitUntil(Duration.ofSeconds(10), "the message to be given up", () -> await(m.queue.pending()) == 0);
      assertEquals(2, m.sink.attempts("ada@example.org"));
      assertEquals(0, m.sink.received().size());
      assertEquals(0, await(m.queue.failures("ada@example.org")), "a temporary failure is not a bounce");
    }
  }

  @Test
  void eachOfSeveralProcessesSendsItsShareOfTheNodesRate() throws InterruptedException {
    // mail.rate 20 per second for the node, which runs as 4 processes: this one sends 5 per second
    try (Mailer m = new Mailer(Clock.systemUTC(), MailPolicy.fast(), 20, () -> 4)) {
      for (int i = 0; i < 30; i++) {
        await(m.queue.send(OutgoingMail.personal("p" + i + "@example.org", "Coordo", "Bonjour", "x", null, "notice")));
      }
      long started = System.nanoTime();
      await(m.worker.start());
      m.sink.awaitCount(1, Duration.ofSeconds(10));
      Thread.sleep(1_500); // a window to count in: the bound below holds however slow the machine is
      int sent = m.sink.received().size();
      double seconds = (System.nanoTime() - started) / 1e9;
      // a bucket of one second's worth (5) plus 5 per second: 30 would be gone within 1.5 s at the node's 20
      assertTrue(sent <= 5 + Math.ceil(5 * seconds) + 1, sent + " sent in " + seconds + " s");
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
