package org.coordo.federation.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.coordo.federation.sig.RequestSigner;
import org.coordo.federation.testkit.Await;
import org.coordo.federation.testkit.MutableClock;
import org.coordo.federation.testkit.SinkServer;
import org.coordo.storage.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery worker against real sink servers on 127.0.0.1 that verify every signature. */
class DeliveryWorkerTest {
  @TempDir Path dir;
  Vertx vertx;
  MutableClock clock;
  DeliveryFixture fx;
  SinkServer sink;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    clock = MutableClock.fixed();
    fx = new DeliveryFixture(vertx, dir, clock);
    sink = SinkServer.start(vertx, clock).trust(fx.keyId(), fx.publicKey());
  }

  @AfterEach
  void tearDown() {
    fx.close();
    sink.close();
    Await.result(vertx.close());
  }

  @Test
  void deliversSignedActivityAndAcksOn2xx() {
    URI id = fx.enqueue(sink.url("/inbox"));
    fx.start(DeliveryFixture.policy());

    Await.until("one delivery", () -> sink.received().size() == 1);
    SinkServer.Received got = sink.received().get(0);
    assertEquals("POST", got.method());
    assertTrue(got.signatureValid(), "signature verified with the actor's key: " + got.verification());
    assertEquals(fx.keyId(), got.keyId());
    assertEquals(id.toString(), got.activityId());
    assertTrue(got.headers().get("content-type").startsWith("application/activity+json"));
    assertEquals("Coordo-test/0.1", got.headers().get("user-agent"));
    assertTrue(got.headers().containsKey("signature-input"), "RFC 9421 is tried first");
    assertTrue(got.headers().containsKey("content-digest"));
    Await.until("job acknowledged", () -> fx.jobs().isEmpty());
  }

  @Test
  void postsTheStoredActivityBytesAsTheyAre() {
    URI id = fx.enqueue(sink.url("/a"), sink.url("/b"));
    byte[] stored = fx.activities.findBytes(id).orElseThrow();
    fx.start(DeliveryFixture.policy());

    Await.until("two deliveries", () -> sink.received().size() == 2);
    for (SinkServer.Received got : sink.received()) {
      assertTrue(got.signatureValid(), String.valueOf(got.verification()));
      assertEquals(new io.vertx.core.json.JsonObject(io.vertx.core.buffer.Buffer.buffer(stored)), got.body(),
          "the body is the stored document (its digest signed and checked by the sink)");
    }
  }

  @Test
  void signaturesInTheMakingNeverExceedTheSigningLimit() {
    AtomicInteger signing = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    DeliveryPolicy policy = DeliveryFixture.policy().withConcurrency(10, 10).withSigningConcurrency(2);
    DeliverySender slowSigner = new DeliverySender(vertx, fx.worker, policy, clock) {
      @Override
      public Future<Map<String, String>> sign(java.util.concurrent.Callable<Map<String, String>> rsa) {
        peak.accumulateAndGet(signing.incrementAndGet(), Math::max);
        return super.sign(rsa).compose(headers -> {
          Promise<Map<String, String>> later = Promise.promise();
          vertx.setTimer(50, id -> {
            signing.decrementAndGet();
            later.complete(headers);
          });
          return later.future();
        });
      }
    };
    URI[] inboxes = new URI[10];
    for (int i = 0; i < inboxes.length; i++) {
      inboxes[i] = sink.url("/inbox/" + i);
    }
    fx.enqueue(inboxes);
    DeliveryWorker worker = fx.worker(policy, InboxGuard.allowAll(), slowSigner);
    Await.result(worker.start());

    Await.until("all delivered", () -> sink.received().size() == 10 && fx.jobs().isEmpty());
    assertTrue(sink.received().stream().allMatch(SinkServer.Received::signatureValid));
    assertEquals(2, peak.get(), "ten jobs ready at once, two signatures in the making at a time");
    assertEquals(2, Await.result(worker.signingPeak()));
  }

  @Test
  void aJobWhoseLeaseRanOutWhileItWaitedIsStillSentOnce() {
    sink.delay(Duration.ofMillis(400));
    DeliveryPolicy policy = DeliveryFixture.policy().withConcurrency(1, 4).withLease(Duration.ofMinutes(1));
    Set<String> ids = Set.of(fx.enqueue(sink.url("/inbox")).toString(), fx.enqueue(sink.url("/inbox")).toString(),
        fx.enqueue(sink.url("/inbox")).toString());
    DeliveryWorker worker = fx.start(policy);
    Await.until("first request under way, two jobs waiting for the host", () -> sink.received().size() == 1);

    clock.advance(Duration.ofMinutes(2)); // every lease has run out: the next claim takes the three jobs again
    worker.wake();
    Await.until("nothing queued, held or in flight", () -> fx.jobs().isEmpty()
        && Await.result(worker.stats()).held() == 0 && Await.result(worker.stats()).inFlight() == 0);
    assertEquals(3, sink.received().size(), "each job sent once");
    assertEquals(ids, sink.received().stream().map(SinkServer.Received::activityId).collect(Collectors.toSet()));
  }

  @Test
  void serverErrorIsRetriedWithExponentialBackoff() {
    sink.respondInTurn(500, 503, 202);
    DeliveryPolicy policy = DeliveryFixture.policy().withBackoff(Duration.ofSeconds(30), Duration.ofHours(6), 0);
    fx.enqueue(sink.url("/inbox"));
    Instant t0 = clock.instant();
    DeliveryWorker worker = fx.start(policy);

    Await.until("first attempt rescheduled 30 s later",
        () -> fx.jobs().size() == 1 && fx.jobs().get(0).dueAtMillis() == t0.plusSeconds(30).toEpochMilli());
    assertEquals(1, sink.received().size(), "no retry before the clock moves");
    assertEquals(1, fx.hosts.find(sink.host()).orElseThrow().failures());

    clock.advance(Duration.ofSeconds(30));
    worker.wake();
    Await.until("second attempt rescheduled 60 s later",
        () -> sink.received().size() == 2
            && fx.jobs().get(0).dueAtMillis() == t0.plusSeconds(90).toEpochMilli());

    clock.advance(Duration.ofSeconds(60));
    worker.wake();
    Await.until("delivered on the third attempt", () -> sink.received().size() == 3 && fx.jobs().isEmpty());
    Await.until("host healthy again", () -> fx.hosts.find(sink.host()).isEmpty());
    assertTrue(sink.received().stream().allMatch(SinkServer.Received::signatureValid));
  }

  @Test
  void goneAndBadRequestAreFinal() {
    sink.respond(r -> r.path().equals("/gone") ? 410 : 400);
    fx.enqueue(sink.url("/gone"));
    fx.enqueue(sink.url("/bad"));
    fx.start(DeliveryFixture.policy());

    Await.until("both jobs dropped after one attempt each", () -> sink.received().size() == 3 && fx.jobs().isEmpty());
    assertEquals(1, sink.receivedAt("/gone").size(), "410 is not a signature refusal: no second knock");
    assertEquals(2, sink.receivedAt("/bad").size(), "a 400 may be a signature refusal: once more with draft-cavage");
    assertTrue(sink.receivedAt("/bad").get(1).headers().containsKey("signature")
        && !sink.receivedAt("/bad").get(1).headers().containsKey("signature-input"));
  }

  @Test
  void tooManyRequestsAndTimeoutAreRetried() {
    sink.respond(r -> sink.received().size() < 2 ? (r.path().equals("/a") ? 429 : 408) : 202);
    fx.enqueue(sink.url("/a"));
    fx.enqueue(sink.url("/b"));
    DeliveryWorker worker = fx.start(DeliveryFixture.policy());

    Await.until("both rescheduled", () -> sink.received().size() == 2 && fx.jobs().size() == 2
        && noneLeased() && fx.jobs().stream().allMatch(j -> j.dueAtMillis() > clock.millis()));
    clock.advance(Duration.ofSeconds(2));
    worker.wake();
    Await.until("both delivered on retry", () -> fx.jobs().isEmpty());
    assertEquals(2, sink.receivedAt("/a").size());
    assertEquals(2, sink.receivedAt("/b").size());
  }

  @Test
  void retryAfterIsHonouredUpToTheBackoffCap() {
    sink.respondInTurn(429, 202);
    sink.header("Retry-After", "120");
    fx.enqueue(sink.url("/inbox"));
    Instant t0 = clock.instant();
    DeliveryWorker worker = fx.start(DeliveryFixture.policy()
        .withBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 0));
    Await.until("rescheduled after Retry-After", () -> fx.jobs().size() == 1
        && fx.jobs().get(0).dueAtMillis() == t0.plusSeconds(120).toEpochMilli());
    clock.advance(Duration.ofSeconds(120));
    worker.wake();
    Await.until("delivered", () -> fx.jobs().isEmpty() && sink.received().size() == 2);
  }

  @Test
  void privateAddressesAreRefusedUnlessAllowed() {
    fx.enqueue(sink.url("/inbox"));
    fx.start(DeliveryFixture.policy(),
        InboxGuard.of(new org.coordo.federation.fetch.UrlGuard(fx.worker, false)));
    Await.until("job dropped", () -> fx.jobs().isEmpty());
    assertTrue(sink.received().isEmpty(), "nothing sent to 127.0.0.1");
  }

  @Test
  void theUrlGuardLetsLoopbackThroughWhenAllowed() {
    fx.enqueue(sink.url("/inbox"));
    fx.start(DeliveryFixture.policy(),
        InboxGuard.of(new org.coordo.federation.fetch.UrlGuard(fx.worker, true)));
    Await.until("delivered to the checked address", () -> fx.jobs().isEmpty() && sink.received().size() == 1);
    assertTrue(sink.received().get(0).signatureValid());
  }

  @Test
  void givesUpAfterMaxAttempts() {
    sink.respondWith(500);
    fx.enqueue(sink.url("/inbox"));
    DeliveryWorker worker = fx.start(DeliveryFixture.policy().withMaxAttempts(3));
    for (int attempt = 1; attempt <= 2; attempt++) {
      int n = attempt;
      Await.until("attempt " + n + " failed and rescheduled", () -> sink.received().size() == n
          && fx.jobs().size() == 1 && noneLeased());
      clock.advance(Duration.ofMinutes(1));
      worker.wake();
    }
    Await.until("third attempt fails and the job is given up", () -> sink.received().size() == 3 && fx.jobs().isEmpty());
    assertEquals(3, sink.received().size());
  }

  @Test
  void unavailableHostIsDeferredThenResumesOnFirstSuccess() {
    sink.respondWith(500);
    DeliveryPolicy policy = DeliveryFixture.policy()
        .withBackoff(Duration.ofMinutes(1), Duration.ofHours(1), 0)
        .withMaxAttempts(100)
        .withUnavailability(Duration.ofDays(3), Duration.ofDays(1));
    URI first = fx.enqueue(sink.url("/inbox"));
    DeliveryWorker worker = fx.start(policy);
    Await.until("first failure", () -> sink.received().size() == 1 && fx.hosts.find(sink.host()).isPresent()
        && noneLeased());
    assertTrue(!fx.hosts.isUnavailable(sink.host()));

    clock.advance(Duration.ofDays(3).plusMinutes(1));
    worker.wake();
    Await.until("retry after three days fails", () -> sink.received().size() == 2 && jobDueLater(first));
    assertTrue(fx.hosts.isUnavailable(sink.host()), "failing for more than 3 days: unavailable");

    // Two new activities while the host is unavailable: one probe goes through, the other is deferred.
    URI second = fx.enqueue(sink.url("/inbox"));
    URI third = fx.enqueue(sink.url("/inbox"));
    worker.wake();
    Await.until("one probe sent and failed", () -> sink.received().size() == 3 && noneLeased());
    Instant now = clock.instant();
    Await.until("the other deferred by a day", () -> fx.jobs().stream()
        .anyMatch(j -> j.dueAtMillis() == now.plus(Duration.ofDays(1)).toEpochMilli()));
    Set<String> probed = sink.received().stream().map(SinkServer.Received::activityId).collect(Collectors.toSet());
    assertTrue(probed.contains(second.toString()) ^ probed.contains(third.toString()));

    // The host comes back: the next probe succeeds and everything deferred goes at once.
    sink.respondWith(202);
    clock.advance(Duration.ofMinutes(2));
    worker.wake();
    Await.until("every job delivered without waiting out the deferral", () -> fx.jobs().isEmpty());
    Set<String> delivered = sink.received().stream().filter(r -> r.answered() == 202)
        .map(SinkServer.Received::activityId).collect(Collectors.toSet());
    assertEquals(Set.of(first.toString(), second.toString(), third.toString()), delivered);
    Await.until("host healthy", () -> fx.hosts.find(sink.host()).isEmpty() && !fx.hosts.isUnavailable(sink.host()));
  }

  /** No job is held under a lease: every attempt made so far has its outcome written. */
  private boolean noneLeased() {
    long leasedUntil = clock.millis() + DeliveryFixture.policy().lease().toMillis();
    return fx.jobs().stream().noneMatch(j -> j.dueAtMillis() == leasedUntil);
  }

  private boolean jobDueLater(URI activity) {
    List<Job> jobs = fx.jobs();
    return jobs.size() == 1 && jobs.get(0).dueAtMillis() > clock.millis() && noneLeased()
        && DeliveryJob.decode(jobs.get(0).payload()).activityId().equals(activity);
  }

  @Test
  void jobsSurviveAStoreRestart() {
    URI id = fx.enqueue(sink.url("/inbox"), sink.url("/other"));
    fx.store.close();
    fx.store = null;

    fx.open();
    assertEquals(2, fx.jobs().size(), "both jobs are on disk after reopening");
    fx.start(DeliveryFixture.policy());
    Await.until("both delivered", () -> sink.received().size() == 2 && fx.jobs().isEmpty());
    assertTrue(sink.received().stream().allMatch(r -> r.signatureValid() && r.activityId().equals(id.toString())));
  }

  @Test
  void aRestartedWorkerSendsAtOnceTheJobsItsKilledRunHadClaimed() {
    URI id = fx.enqueue(sink.url("/inbox"), sink.url("/other"));
    // The previous run claimed both (10-minute lease) and was killed before it sent them or handed them back.
    assertEquals(2, fx.queue.claim(clock.instant(), 10, Duration.ofMinutes(10)).size());
    fx.store.close();
    fx.store = null;

    fx.open();
    fx.start(DeliveryFixture.policy()); // the clock stands still: nothing waits for the lease to end
    Await.until("both delivered and acknowledged", () -> sink.received().size() == 2 && fx.jobs().isEmpty());
    assertTrue(sink.received().stream().allMatch(r -> r.signatureValid() && r.activityId().equals(id.toString())));
  }

  @Test
  void stopFinishesRequestsInFlightAndHandsHeldJobsBack() {
    sink.delay(Duration.ofMillis(300));
    for (int i = 0; i < 6; i++) {
      fx.enqueue(sink.url("/inbox"));
    }
    DeliveryWorker worker = fx.start(DeliveryFixture.policy().withConcurrency(2, 4));
    Await.until("first requests arrived", () -> !sink.received().isEmpty());
    Await.result(worker.stop());
    fx.deliveryWorker = null;

    int delivered = sink.received().size();
    assertTrue(delivered >= 1 && delivered < 6, "stopped midway: " + delivered);
    assertEquals(6 - delivered, fx.jobs().size(), "each job is delivered or still queued");
    assertTrue(fx.jobs().stream().allMatch(j -> j.dueAtMillis() <= clock.millis()), "held jobs are due again at once");

    fx.start(DeliveryFixture.policy());
    Await.until("the rest delivered by a new worker", () -> fx.jobs().isEmpty());
    assertEquals(6, sink.received().stream().map(SinkServer.Received::activityId).distinct().count());
  }

  @Test
  void perHostConcurrencyNeverExceedsTheLimit() {
    SinkServer other = SinkServer.start(vertx, clock).trust(fx.keyId(), fx.publicKey());
    try {
      sink.delay(Duration.ofMillis(150));
      other.delay(Duration.ofMillis(150));
      for (int i = 0; i < 10; i++) {
        fx.enqueue(sink.url("/inbox"), other.url("/inbox"));
      }
      fx.start(DeliveryFixture.policy().withConcurrency(2, 3));
      Await.until("all delivered", () -> fx.jobs().isEmpty(), Duration.ofSeconds(30));
      assertEquals(10, sink.received().size());
      assertEquals(10, other.received().size());
      assertTrue(sink.maxConcurrent() <= 2, "per-host limit, saw " + sink.maxConcurrent());
      assertTrue(other.maxConcurrent() <= 2, "per-host limit, saw " + other.maxConcurrent());
      assertTrue(sink.maxConcurrent() + other.maxConcurrent() >= 3, "requests did run in parallel");
    } finally {
      other.close();
    }
  }

  @Test
  void perHostLimitIsSharedAmongTheLiveProcessesOfTheNode() {
    sink.delay(Duration.ofMillis(150));
    for (int i = 0; i < 6; i++) {
      fx.enqueue(sink.url("/inbox"));
    }
    // A limit of 3 for the node, and 2 processes alive: this one keeps to 1 request in flight to the host.
    DeliveryWorker w = fx.worker(DeliveryFixture.policy().withConcurrency(3, 3), InboxGuard.allowAll());
    w.shareHostLimit(() -> 2);
    Await.result(w.start());
    Await.until("all delivered", () -> fx.jobs().isEmpty(), Duration.ofSeconds(30));
    assertEquals(6, sink.received().size());
    assertEquals(1, sink.maxConcurrent(), "this process's share of the per-host limit");
  }
}
