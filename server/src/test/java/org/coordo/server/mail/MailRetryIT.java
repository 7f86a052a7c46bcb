package org.coordo.server.mail;

import static org.coordo.server.app.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coordo.server.app.Node;
import org.coordo.server.app.TestNodes;
import org.coordo.storage.KvIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the queue does with the relay's answers (fast policy of the whole-node tests: retries after 50, 100 …
 * ms), and the node's rate limit.
 */
class MailRetryIT {
  @TempDir Path dir;
  private SmtpSink sink;
  private Node node;
  private DurableMailQueue mail;

  @AfterEach
  void stop() {
    if (node != null) {
      await(node.stop());
    }
    if (sink != null) {
      sink.close();
    }
  }

  private void start(Map<String, String> extraEnv) {
    sink = SmtpSink.start();
    Map<String, String> env = new HashMap<>(sink.nodeEnv());
    env.putAll(extraEnv);
    node = await(Node.start(TestNodes.config(dir, env), TestNodes.options(false)));
    mail = (DurableMailQueue) node.services().mail();
  }

  private static OutgoingMail note(String to, String subject) {
    return OutgoingMail.personal(to, "Coordo", subject, "x", null, "notice");
  }

  private void awaitEmptyQueue() {
    TestNodes.waitUntil(Duration.ofSeconds(10), "an empty mail queue", () -> await(mail.pending()) == 0);
  }

  @Test
  void aTemporaryFailureIsRetriedThenDelivered() {
    start(Map.of());
    sink.failTemporarily("ada@example.org", 2);

    await(mail.send(note("ada@example.org", "Bonjour")));

    SmtpSink.Received got = sink.awaitOne("ada@example.org");
    assertEquals("Bonjour", got.subject());
    assertEquals(3, sink.attempts("ada@example.org"));
    awaitEmptyQueue();
    assertEquals(0, await(mail.failures("ada@example.org")));
  }

  @Test
  void aPermanentFailureIsNotRetriedAndCountsTowardsBouncing() {
    start(Map.of());
    sink.failPermanently("gone@example.org");

    for (int i = 1; i <= MailPolicy.BOUNCE_THRESHOLD; i++) {
      await(mail.send(note("gone@example.org", "Essai " + i)));
      awaitEmptyQueue();
      // dropped after its one attempt: never retried
      assertEquals(i, sink.attempts("gone@example.org"));
      assertEquals(i, await(mail.failures("gone@example.org")));
      boolean bouncing = await(node.services().platform().storage().call(store -> mail.bouncing("gone@example.org")));
      assertEquals(i >= MailPolicy.BOUNCE_THRESHOLD, bouncing, "bouncing after " + i + " failures");
    }
    assertEquals(List.of(), sink.receivedFor("gone@example.org"));
    // the address works again: one message handed over clears it
    sink.accept("gone@example.org");
    await(mail.send(note("GONE@Example.org", "De retour")));
    sink.awaitOne("gone@example.org");
    awaitEmptyQueue();
    assertEquals(0, await(mail.failures("gone@example.org")));
    boolean bouncing = await(node.services().platform().storage().call(store -> mail.bouncing("gone@example.org")));
    assertFalse(bouncing);
  }

  @Test
  void theRelayIsDownThenComesBackAndEverythingIsDelivered() {
    start(Map.of());
    int port = sink.port();
    sink.close(); // connection refused: a temporary failure
    List<OutgoingMail> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(note("r" + i + "@example.org", "Message " + i));
    }
    await(mail.sendAll(batch));
    TestNodes.waitUntil(Duration.ofSeconds(10), "every message to have failed once", () -> attemptsOfEachJob() >= 1);
    assertEquals(5L, await(mail.pending()));
    sink = SmtpSink.startOn(port);
    sink.awaitCount(5, Duration.ofSeconds(20));
    awaitEmptyQueue();
  }

  /** The fewest attempts among the queued jobs (the queue's layout: {@code intBE(attempts) ‖ payload}). */
  private int attemptsOfEachJob() {
    return await(node.services().platform().storage().call(store -> {
      int min = Integer.MAX_VALUE;
      try (KvIterator it = store.keyspace(MailKeyspaces.QUEUE).scan(null, null, false)) {
        while (it.hasNext()) {
          min = Math.min(min, ByteBuffer.wrap(it.next().value()).getInt());
        }
      }
      return min == Integer.MAX_VALUE ? 0 : min;
    }));
  }

  @Test
  void aBurstIsHandedOverAtTheConfiguredRate() {
    start(Map.of("COORDO_MAIL_RATE", "20"));
    List<OutgoingMail> burst = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      burst.add(note("m" + i + "@example.org", "Message " + i));
    }
    long started = System.nanoTime();
    await(mail.sendAll(burst));

    sink.awaitCount(60, Duration.ofSeconds(60));
    double seconds = (System.nanoTime() - started) / 1e9;
    // 20/s with at most one second in advance (20 messages): 40 / 20 = 2 s at the very least
    assertTrue(seconds >= 1.95, "60 messages at 20/s took only " + seconds + " s");
  }
}
